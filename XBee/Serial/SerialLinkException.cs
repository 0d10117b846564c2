namespace ZigBee.XBee.Serial;

/// <summary>The serial line failed: the port could not be opened, vanished, was closed, or the dongle did not answer.</summary>
public sealed class SerialLinkException : IOException
{
    public SerialLinkException(string message)
        : base(message)
    {
    }

    public SerialLinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
