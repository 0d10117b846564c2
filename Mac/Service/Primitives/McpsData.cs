using ZigBee.Mac.Frames;

namespace ZigBee.Mac.Service;

/// <summary>TxOptions of MCPS-DATA.request (§7.1.1.1.1); the GTS bit (0x02) is not offered: no beacon-enabled PAN.</summary>
[Flags]
public enum MacTxOptions : byte
{
    None = 0x00,

    /// <summary>Acknowledged transmission: ACK requested, retried up to macMaxFrameRetries times.</summary>
    Acknowledged = 0x01,

    /// <summary>Indirect transmission: kept in the coordinator's transaction queue until the device polls.</summary>
    Indirect = 0x04,
}

/// <summary>
/// MCPS-DATA.request (§7.1.1.1). The MSDU is copied into the frame before <see cref="IMacService.DataRequestAsync"/>
/// returns, so the caller may reuse its buffer at once.
/// </summary>
public readonly record struct McpsDataRequest(
    MacAddressingMode SrcAddrMode,
    ushort DstPanId,
    MacAddress DstAddr,
    ReadOnlyMemory<byte> Msdu,
    byte MsduHandle,
    MacTxOptions TxOptions = MacTxOptions.Acknowledged);

/// <summary>MCPS-DATA.confirm (§7.1.1.2): the handle of the request, its status and when it concluded.</summary>
public readonly record struct McpsDataConfirm(byte MsduHandle, MacStatus Status, DateTimeOffset Timestamp);

/// <summary>MCPS-DATA.indication (§7.1.1.3), without the MSDU (passed beside it as a span).</summary>
public readonly record struct McpsDataIndication(
    ushort SrcPanId,
    MacAddress SrcAddr,
    ushort DstPanId,
    MacAddress DstAddr,
    byte MpduLinkQuality,
    sbyte Rssi,
    byte Dsn,
    DateTimeOffset Timestamp);

/// <summary>MCPS-DATA.indication; <paramref name="msdu"/> is valid only during the call (copy what you keep).</summary>
public delegate void McpsDataIndicationHandler(in McpsDataIndication indication, ReadOnlySpan<byte> msdu);
