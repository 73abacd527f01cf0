using System.Runtime.InteropServices;
using System.Text;

namespace ServiceManual.Lint.Sites;

/// <summary>
/// A folder's time and its files' sizes and times, for a re-run that trusts a folder's saved
/// listing while its time is unchanged and stats every page in it. On Linux (glibc) this is <c>statx</c>:
/// with the folder held open, by name relative to it (the kernel looks up one name per file
/// instead of every folder of its full path: over half of the stat time before), otherwise by a
/// path made on the stack; neither makes a <see cref="FileInfo"/> or a path string. Elsewhere,
/// <see cref="FileInfo"/>.
/// </summary>
internal sealed class FolderStats : IDisposable
{
    private readonly string fullFolder;
    private readonly int handle; // the open folder, or NotOpen

    private FolderStats(string fullFolder, int handle, long modified)
    {
        this.fullFolder = fullFolder;
        this.handle = handle;
        Modified = modified;
    }

    /// <summary>The folder's last write time, as <see cref="Directory.GetLastWriteTimeUtc(string)"/> ticks; <see cref="Unknown"/> when it cannot be stat'ed.</summary>
    public long Modified { get; }

    /// <summary>A time no folder has: a saved listing never matches it.</summary>
    public const long Unknown = -1;

    /// <summary>
    /// Stats a folder. <paramref name="holdOpen"/> when two or more of its files will be stat'ed:
    /// opening and closing it are two system calls, each file's full path walked again costs more.
    /// </summary>
    public static FolderStats Of(string fullFolder, bool holdOpen)
    {
        if (native)
        {
            var handle = NotOpen;
            try
            {
                if (holdOpen && (handle = OpenPath(fullFolder)) >= 0)
                {
                    if (Stat(handle, "", AtEmptyPath, out var own) && own.IsFolder) return new FolderStats(fullFolder, handle, own.ModifiedTicks);
                    close(handle);
                }
                return new FolderStats(fullFolder, NotOpen, Stat(AtCurrentFolder, fullFolder, 0, out var status) && status.IsFolder ? status.ModifiedTicks : Unknown);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                if (handle >= 0) close(handle);
                native = false; // not glibc, or one without statx: every later call goes the portable way
            }
        }
        var info = new DirectoryInfo(fullFolder);
        return new FolderStats(fullFolder, NotOpen, info.Exists ? info.LastWriteTimeUtc.Ticks : Unknown);
    }

    /// <summary>
    /// A regular file's size and last write time (as <see cref="File.GetLastWriteTimeUtc(string)"/>
    /// ticks); false when the name is missing or is not a regular file (a link is not followed).
    /// </summary>
    public bool TryStatFile(string name, out long length, out long modified)
    {
        (length, modified) = (0, 0);
        if (handle != NotOpen || native)
        {
            var found = handle != NotOpen ? Stat(handle, name, AtSymlinkNoFollow, out var status) : StatInFolder(name, out status);
            if (!found || !status.IsRegularFile) return false;
            (length, modified) = ((long)status.Size, status.ModifiedTicks);
            return true;
        }
        // FileInfo.Length works out the attributes first, to refuse a folder; a link shows as a reparse point.
        var file = new FileInfo(Path.Combine(fullFolder, name));
        if (!file.Exists || file.Attributes.HasFlag(FileAttributes.ReparsePoint)) return false;
        (length, modified) = (file.Length, file.LastWriteTimeUtc.Ticks);
        return true;
    }

    public void Dispose()
    {
        if (handle != NotOpen) close(handle);
    }

    private const int NotOpen = -1;

    private static bool native = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    // Values shared by x64 and Arm64 Linux (O_DIRECTORY and O_NOFOLLOW differ, so they are not
    // used: the folder's type is checked after opening, and the walker never reaches a link).
    private const int OpenPathOnly = 0x200000, OpenCloseOnExec = 0x80000;
    private const int AtCurrentFolder = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;
    private const uint WantTypeSizeAndTime = 0x1 | 0x40 | 0x200; // STATX_TYPE | STATX_MTIME | STATX_SIZE
    private const int MaxPathBytes = 4096; // PATH_MAX, with the zero

    private static int OpenPath(string path)
    {
        // As long as the text can need, not the longest: a stack buffer is cleared first.
        Span<byte> bytes = stackalloc byte[BytesFor(path.Length)];
        return ToCString(path, bytes) ? open(ref MemoryMarshal.GetReference(bytes), OpenPathOnly | OpenCloseOnExec) : -1;
    }

    private static bool Stat(int folder, string name, int flags, out StatxBuffer status)
    {
        Span<byte> bytes = stackalloc byte[BytesFor(name.Length)];
        status = default;
        return ToCString(name, bytes) && statx(folder, ref MemoryMarshal.GetReference(bytes), flags, WantTypeSizeAndTime, out status) == 0;
    }

    // By the file's full path, written on the stack: the folder, a slash, the name.
    private bool StatInFolder(string name, out StatxBuffer status)
    {
        Span<byte> bytes = stackalloc byte[BytesFor(fullFolder.Length + 1 + name.Length)];
        status = default;
        if (!Encoding.UTF8.TryGetBytes(fullFolder, bytes, out var folderLength)) return false;
        bytes[folderLength] = (byte)'/';
        return ToCString(name, bytes[(folderLength + 1)..])
            && statx(AtCurrentFolder, ref MemoryMarshal.GetReference(bytes), AtSymlinkNoFollow, WantTypeSizeAndTime, out status) == 0;
    }

    private static int BytesFor(int characters) => Math.Min(Encoding.UTF8.GetMaxByteCount(characters) + 1, MaxPathBytes);

    // The text in UTF-8 with its terminating zero; false if it does not fit or holds a zero.
    private static bool ToCString(string text, Span<byte> buffer)
    {
        if (text.Contains('\0') || buffer.IsEmpty || !Encoding.UTF8.TryGetBytes(text, buffer[..^1], out var length)) return false;
        buffer[length] = 0;
        return true;
    }

    // struct statx from linux/stat.h: the same layout on every architecture.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;

        private const ushort TypeMask = 0xF000, FolderType = 0x4000, RegularFileType = 0x8000;

        public readonly bool IsFolder => (Mode & TypeMask) == FolderType;

        public readonly bool IsRegularFile => (Mode & TypeMask) == RegularFileType;

        // As .NET works out a file's time from stat: seconds since 1970, then whole ticks of the nanoseconds.
        public readonly long ModifiedTicks => DateTime.UnixEpoch.Ticks + ModifiedSeconds * TimeSpan.TicksPerSecond + ModifiedNanoseconds / TimeSpan.NanosecondsPerTick;
    }

    // glibc by its file name: "libc" alone makes the runtime try libc.so (on most machines a linker
    // script, not a library) and dozens of other names first. Another C library (musl) is not found,
    // and then files are stat'ed the portable way.
    private const string CLibrary = "libc.so.6";

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; these signatures are blittable, so no marshalling is generated either way
    [DllImport(CLibrary, EntryPoint = "open")]
    private static extern int open(ref byte path, int flags);

    [DllImport(CLibrary, EntryPoint = "statx")]
    private static extern int statx(int folder, ref byte path, int flags, uint mask, out StatxBuffer status);

    [DllImport(CLibrary, EntryPoint = "close")]
    private static extern int close(int handle);
#pragma warning restore SYSLIB1054
}
