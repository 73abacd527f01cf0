-- Opens a page of a site in headless Neovim with smlint's language server attached through Neovim's
-- built-in client, waits for the page's diagnostics and writes them as JSON, then quits:
--   SMLINT_COMMAND='["smlint","lsp"]' SMLINT_SITE=/path/to/site SMLINT_PAGE=a/b.md SMLINT_OUT=out.json \
--     nvim --headless --clean -c 'luafile tests/nvim/diagnostics.lua'
-- The client is started as the README tells Neovim users to: vim.lsp.start (Neovim 0.8 and later),
-- or on older Neovim (Debian 12 has 0.7) vim.lsp.start_client and buf_attach_client.
local command = vim.fn.json_decode(os.getenv("SMLINT_COMMAND"))
local root = os.getenv("SMLINT_SITE")
local page = os.getenv("SMLINT_PAGE")
local out = os.getenv("SMLINT_OUT")
local timeout = tonumber(os.getenv("SMLINT_TIMEOUT_MS") or "60000")

local function finish(result, status)
  local file = assert(io.open(out, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd(status == 0 and "qall!" or "cquit! " .. status)
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/" .. page))
  local buffer = vim.api.nvim_get_current_buf()
  local config = { name = "smlint", cmd = command, root_dir = root }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buffer, client_id)
  end
  if not client_id then
    return finish({ error = "the client did not start" }, 3)
  end
  local published = vim.wait(timeout, function()
    return #vim.diagnostic.get(buffer) > 0
  end, 20)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    table.insert(diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      code = d.code or vim.NIL,
      source = d.source or vim.NIL,
      severity = d.severity,
      message = d.message,
    })
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local name = client and client.name or vim.NIL
  vim.lsp.stop_client(client_id)
  -- Let the server answer shutdown and exit before Neovim goes.
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 20)
  finish({ client = name, nvim = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch), timedOut = not published, diagnostics = diagnostics }, 0)
end)
if not ok then
  finish({ error = tostring(err) }, 4)
end
