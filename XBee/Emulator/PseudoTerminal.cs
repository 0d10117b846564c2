using System.Runtime.InteropServices;
using System.Text;

namespace ZigBee.XBee.Emulator;

/// <summary>
/// A pseudo-terminal pair (POSIX posix_openpt, grantpt, unlockpt, ptsname): the emulator holds the master side, and
/// the slave side (/dev/pts/N, or a symlink at a path the user chose) is a serial port any program can open —
/// System.IO.Ports included. The line is raw (no echo, no line editing, all 256 byte values pass). Bytes written while
/// nobody reads are dropped once the terminal's buffer is full, as on a UART nobody listens to, and counted.
/// Linux only.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private readonly int _master;
    private readonly int _slave;
    private bool _disposed;

    private PseudoTerminal(int master, int slave, string slavePath, string? linkPath)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
        LinkPath = linkPath;
    }

    /// <summary>The slave device, /dev/pts/N.</summary>
    public string SlavePath { get; }

    /// <summary>The symlink to <see cref="SlavePath"/>, when one was asked for.</summary>
    public string? LinkPath { get; }

    /// <summary>The path a serial program should open: the link if there is one.</summary>
    public string PortPath => LinkPath ?? SlavePath;

    /// <summary>Bytes written while the terminal's buffer was full (nobody reading) and so lost.</summary>
    public long BytesDropped { get; private set; }

    /// <summary>Opens a new raw pseudo-terminal, with a symlink at <paramref name="linkPath"/> when given (an old symlink there is replaced).</summary>
    public static PseudoTerminal Open(string? linkPath = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the XBee emulator's pseudo-terminal needs Linux");
        }

        var master = PosixTerminal.OpenPt(PosixTerminal.ReadWrite | PosixTerminal.NoControllingTty);
        if (master < 0)
        {
            throw Failure("posix_openpt");
        }

        var slave = -1;
        try
        {
            if (PosixTerminal.GrantPt(master) != 0)
            {
                throw Failure("grantpt");
            }

            if (PosixTerminal.UnlockPt(master) != 0)
            {
                throw Failure("unlockpt");
            }

            Span<byte> name = stackalloc byte[256];
            var error = PosixTerminal.PtsName(master, name, (nuint)name.Length);
            if (error != 0)
            {
                throw new IOException($"ptsname failed (errno {error})");
            }

            var end = name.IndexOf((byte)0);
            var slavePath = Encoding.ASCII.GetString(name[..(end < 0 ? name.Length : end)]);

            // Holding the slave open keeps the master readable while no program has the port open (else EIO).
            slave = PosixTerminal.Open(slavePath, PosixTerminal.ReadWrite | PosixTerminal.NoControllingTty);
            if (slave < 0)
            {
                throw Failure("open " + slavePath);
            }

            MakeRaw(slave);
            var flags = PosixTerminal.Fcntl(master, PosixTerminal.GetFlags, 0);
            if (flags < 0 || PosixTerminal.Fcntl(master, PosixTerminal.SetFlags, flags | PosixTerminal.NonBlocking) < 0)
            {
                throw Failure("fcntl");
            }

            if (linkPath is not null)
            {
                LinkTo(linkPath, slavePath);
            }

            return new PseudoTerminal(master, slave, slavePath, linkPath);
        }
        catch
        {
            if (slave >= 0)
            {
                PosixTerminal.Close(slave);
            }

            PosixTerminal.Close(master);
            throw;
        }
    }

    /// <summary>
    /// Reads what the serial program wrote, waiting at most <paramref name="timeout"/>; 0 when nothing came in time.
    /// </summary>
    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var poll = new PosixTerminal.PollFd { Fd = _master, Events = PosixTerminal.PollIn };
        var ready = PosixTerminal.Poll(ref poll, 1, (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue));
        if (ready <= 0)
        {
            return ready == 0 || Marshal.GetLastPInvokeError() == PosixTerminal.Interrupted ? 0 : throw Failure("poll");
        }

        var read = PosixTerminal.Read(_master, buffer, (nuint)buffer.Length);
        if (read >= 0)
        {
            return (int)read;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is PosixTerminal.TryAgain or PosixTerminal.Interrupted ? 0 : throw Failure("read", errno);
    }

    /// <summary>Writes to the serial program; what does not fit in the terminal's buffer is dropped and counted.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!data.IsEmpty)
        {
            var written = PosixTerminal.Write(_master, data, (nuint)data.Length);
            if (written > 0)
            {
                data = data[(int)written..];
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (written < 0 && errno == PosixTerminal.Interrupted)
            {
                continue;
            }

            if (written < 0 && errno != PosixTerminal.TryAgain)
            {
                throw Failure("write", errno);
            }

            BytesDropped += data.Length;
            return;
        }
    }

    /// <summary>Closes both sides — to the serial program the port vanishes — and removes the symlink.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        PosixTerminal.Close(_slave);
        PosixTerminal.Close(_master);
        if (LinkPath is not null && IsSymlinkTo(LinkPath, SlavePath))
        {
            File.Delete(LinkPath);
        }
    }

    private static void MakeRaw(int fd)
    {
        Span<byte> termios = stackalloc byte[512];
        termios.Clear();
        if (PosixTerminal.GetAttributes(fd, termios) != 0)
        {
            throw Failure("tcgetattr");
        }

        PosixTerminal.MakeRaw(termios);
        if (PosixTerminal.SetAttributes(fd, PosixTerminal.TermiosNow, termios) != 0)
        {
            throw Failure("tcsetattr");
        }
    }

    private static void LinkTo(string linkPath, string target)
    {
        var existing = new FileInfo(linkPath);
        if (existing.LinkTarget is not null)
        {
            existing.Delete();
        }
        else if (existing.Exists || Directory.Exists(linkPath))
        {
            throw new IOException($"{linkPath} exists and is not a symlink: refusing to replace it");
        }

        File.CreateSymbolicLink(linkPath, target);
    }

    private static bool IsSymlinkTo(string linkPath, string target) => new FileInfo(linkPath).LinkTarget == target;

    private static IOException Failure(string call) => Failure(call, Marshal.GetLastPInvokeError());

    private static IOException Failure(string call, int errno) => new($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
}
