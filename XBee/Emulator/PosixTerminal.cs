using System.Runtime.InteropServices;

namespace ZigBee.XBee.Emulator;

// libc calls behind the pseudo-terminal (Linux values of the flags and errno numbers).
internal static partial class PosixTerminal
{
    public const int ReadWrite = 0x2;          // O_RDWR
    public const int NoControllingTty = 0x100; // O_NOCTTY
    public const int NonBlocking = 0x800;      // O_NONBLOCK
    public const int GetFlags = 3;             // F_GETFL
    public const int SetFlags = 4;             // F_SETFL
    public const short PollIn = 0x1;           // POLLIN
    public const int Interrupted = 4;          // EINTR
    public const int TryAgain = 11;            // EAGAIN
    public const int TermiosNow = 0;           // TCSANOW

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int OpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    public static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    public static partial int PtsName(int fd, Span<byte> buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, Span<byte> buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(ref PollFd fd, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    // struct termios is opaque here: a buffer larger than any libc's, changed in place by cfmakeraw.
    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetAttributes(int fd, Span<byte> termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetAttributes(int fd, int when, ReadOnlySpan<byte> termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void MakeRaw(Span<byte> termios);
}
