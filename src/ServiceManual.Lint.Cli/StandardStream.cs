using System.Runtime.InteropServices;

namespace ServiceManual.Lint.Cli;

/// <summary>
/// Standard output or error written with <c>write(2)</c> on the descriptor itself. Not .NET's console
/// streams: on Unix their first write puts the terminal into keypad-transmit mode (<c>ESC[?1h ESC=</c>)
/// whenever standard input is a terminal. Not a <see cref="FileStream"/> on the descriptor either: on
/// a redirected file it writes at offsets of its own (<c>pwrite</c>), so the shell's next write to the
/// same descriptor (<c>(smlint; echo done) &gt; log</c>) would land over the report.
/// </summary>
internal sealed class StandardStream(int descriptor) : Stream
{
    private const int Interrupted = 4; // EINTR on Linux and macOS

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var written = WriteSystemCall(descriptor, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            if (written < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Interrupted) continue;
                // EPIPE when the reader went away (the runtime ignores SIGPIPE), ENOSPC, EIO...
                throw new IOException($"cannot write to {(descriptor == 1 ? "standard output" : "standard error")}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
            buffer = buffer[(int)written..];
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    // DllImport rather than LibraryImport, which would need unsafe code: the arguments are blittable, so no marshalling code is made either way.
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint WriteSystemCall(int descriptor, ref byte buffer, nint count);
}
