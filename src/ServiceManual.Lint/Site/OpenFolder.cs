using System.Runtime.InteropServices;
using System.Text;

namespace ServiceManual.Lint.Site;

/// <summary>
/// A folder held open so its files are stat'ed by name relative to it (Linux <c>statx</c>): the
/// kernel looks up one name per file instead of every folder of its full path, and no
/// <see cref="FileInfo"/> or full path string is made. A re-run with the cache stats every page of
/// the site, and this was over half of it.
/// </summary>
internal sealed class OpenFolder : IDisposable
{
    private readonly int handle;

    private OpenFolder(int handle, long modified)
    {
        this.handle = handle;
        Modified = modified;
    }

    /// <summary>The folder's last write time, as <see cref="Directory.GetLastWriteTimeUtc(string)"/> ticks.</summary>
    public long Modified { get; }

    /// <summary>Opens a folder; null where this is not supported (not Linux on x64 or Arm64, no <c>statx</c> in the C library) or it cannot be opened, so the caller stats by path.</summary>
    public static OpenFolder? TryOpen(string fullPath)
    {
        if (!supported) return null;
        try
        {
            var handle = OpenPath(fullPath);
            if (handle < 0) return null;
            if (Stat(handle, "", AtEmptyPath, out var status) && (status.Mode & FileTypeMask) == DirectoryType) return new OpenFolder(handle, status.ModifiedTicks);
            Close(handle);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            supported = false;
            return null;
        }
    }

    /// <summary>A regular file's size and last write time (as <see cref="File.GetLastWriteTimeUtc(string)"/> ticks); false when the name is missing or is not a regular file (a link is not followed).</summary>
    public bool TryStatFile(string name, out long length, out long modified)
    {
        (length, modified) = (0, 0);
        if (!Stat(handle, name, AtSymlinkNoFollow, out var status) || (status.Mode & FileTypeMask) != RegularType) return false;
        (length, modified) = ((long)status.Size, status.ModifiedTicks);
        return true;
    }

    public void Dispose() => Close(handle);

    private static bool supported = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    // Values shared by x64 and Arm64 Linux (O_DIRECTORY and O_NOFOLLOW differ, so they are not
    // used: the folder's type is checked after opening, and the walker never reaches a link).
    private const int OpenPathOnly = 0x200000, OpenCloseOnExec = 0x80000;
    private const int AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;
    private const uint WantTypeSizeAndTime = 0x1 | 0x40 | 0x200; // STATX_TYPE | STATX_MTIME | STATX_SIZE
    private const ushort FileTypeMask = 0xF000, DirectoryType = 0x4000, RegularType = 0x8000;
    private const int MaxPathBytes = 4096; // PATH_MAX, with the zero

    private static int BytesFor(string text) => Math.Min(Encoding.UTF8.GetMaxByteCount(text.Length) + 1, MaxPathBytes);

    private static int OpenPath(string path)
    {
        // As long as the text can need, not the longest: a stack buffer is cleared first.
        Span<byte> bytes = stackalloc byte[BytesFor(path)];
        return ToCString(path, bytes) ? open(ref MemoryMarshal.GetReference(bytes), OpenPathOnly | OpenCloseOnExec) : -1;
    }

    private static bool Stat(int folder, string name, int flags, out StatxBuffer status)
    {
        Span<byte> bytes = stackalloc byte[BytesFor(name)];
        status = default;
        return ToCString(name, bytes) && statx(folder, ref MemoryMarshal.GetReference(bytes), flags, WantTypeSizeAndTime, out status) == 0;
    }

    // The name in UTF-8 with its terminating zero; false if it does not fit or holds a zero.
    private static bool ToCString(string text, Span<byte> buffer)
    {
        if (text.Contains('\0') || !Encoding.UTF8.TryGetBytes(text, buffer[..^1], out var length)) return false;
        buffer[length] = 0;
        return true;
    }

    private static void Close(int handle) => close(handle);

    // struct statx from linux/stat.h: the same layout on every architecture.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;

        // As .NET works out a file's time from stat: seconds since 1970, then whole ticks of the nanoseconds.
        public readonly long ModifiedTicks => DateTime.UnixEpoch.Ticks + ModifiedSeconds * TimeSpan.TicksPerSecond + ModifiedNanoseconds / TimeSpan.NanosecondsPerTick;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; these signatures are blittable, so no marshalling is generated either way
    [DllImport("libc", EntryPoint = "open")]
    private static extern int open(ref byte path, int flags);

    [DllImport("libc", EntryPoint = "statx")]
    private static extern int statx(int folder, ref byte path, int flags, uint mask, out StatxBuffer status);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int close(int handle);
#pragma warning restore SYSLIB1054
}
