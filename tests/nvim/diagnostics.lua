-- Opens a page of a site in headless Neovim with smlint's language server started by the README's
-- init.lua snippet (the built-in client), waits for the page's diagnostics, writes them as JSON and
-- quits:
--   SMLINT_INIT_NEW=0.11.lua SMLINT_INIT_OLD=0.7.lua SMLINT_PAGE=/site/a/b.md SMLINT_OUT=out.json \
--     nvim --headless --clean -c 'luafile tests/nvim/diagnostics.lua'
-- SMLINT_INIT_NEW is the snippet for Neovim 0.11 and later (vim.lsp.config), SMLINT_INIT_OLD the
-- one for 0.7 to 0.10; `smlint` must be on PATH, as the snippets run it.
local page = os.getenv("SMLINT_PAGE")
local out = os.getenv("SMLINT_OUT")
local timeout = tonumber(os.getenv("SMLINT_TIMEOUT_MS") or "60000")

local function finish(result, status)
  local file = assert(io.open(out, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd(status == 0 and "qall!" or "cquit! " .. status)
end

local function clients()
  return (vim.lsp.get_clients or vim.lsp.get_active_clients)()
end

local ok, err = pcall(function()
  local snippet = vim.lsp.config and os.getenv("SMLINT_INIT_NEW") or os.getenv("SMLINT_INIT_OLD")
  dofile(snippet)
  vim.cmd("edit " .. vim.fn.fnameescape(page))
  local buffer = vim.api.nvim_get_current_buf()
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
  local started = {}
  for _, client in ipairs(clients()) do
    table.insert(started, { name = client.name, root = client.config.root_dir })
    client.stop()
  end
  -- Let the server answer shutdown and exit before Neovim goes.
  vim.wait(5000, function()
    return #clients() == 0
  end, 20)
  local version = vim.version()
  finish({
    nvim = version.major .. "." .. version.minor .. "." .. version.patch,
    snippet = snippet,
    clients = started,
    timedOut = not published,
    diagnostics = diagnostics,
  }, 0)
end)
if not ok then
  finish({ error = tostring(err) }, 4)
end
