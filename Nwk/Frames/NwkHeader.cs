namespace ZigBee.Nwk.Frames;

/// <summary>
/// The NWK header (§3.3.1): frame control, destination and source network addresses, radius, sequence number and the
/// optional destination IEEE address, source IEEE address, multicast control, source route subframe and auxiliary
/// security header, in that order on air. Encoding takes the multicast, security, source route and IEEE address bits
/// of the frame control from the presence of the matching fields, so the two cannot disagree. An inter-PAN frame's
/// NWK header is its frame control alone (stub NWK header, Annex B of the ZigBee Smart Energy profile): its other
/// fields are ignored on encoding and default on decoding.
/// </summary>
public readonly record struct NwkHeader(
    NwkFrameControl FrameControl,
    ushort DestinationAddress,
    ushort SourceAddress,
    byte Radius,
    byte SequenceNumber,
    ulong? DestinationIeeeAddress = null,
    ulong? SourceIeeeAddress = null,
    NwkMulticastControl? MulticastControl = null,
    NwkSourceRoute? SourceRoute = null,
    NwkAuxiliarySecurityHeader? Security = null)
{
    /// <summary>Frame control, addresses, radius and sequence number: the fields every non-inter-PAN frame carries.</summary>
    public const int FixedLength = 8;

    /// <summary>Length of an inter-PAN frame's stub NWK header (its frame control).</summary>
    public const int InterPanLength = 2;

    public NwkFrameType FrameType => FrameControl.FrameType;

    public bool IsInterPan => FrameControl.FrameType == NwkFrameType.InterPan;

    /// <summary>Bytes this header takes on air (relay list and auxiliary security header included).</summary>
    public int Length
    {
        get
        {
            if (IsInterPan)
            {
                return InterPanLength;
            }

            var length = FixedLength;
            length += DestinationIeeeAddress.HasValue ? 8 : 0;
            length += SourceIeeeAddress.HasValue ? 8 : 0;
            length += MulticastControl.HasValue ? 1 : 0;
            length += SourceRoute is { } route ? route.Length : 0;
            length += Security is { } security ? security.Length : 0;
            return length;
        }
    }

    /// <summary>A data frame header (protocol version 2).</summary>
    public static NwkHeader Data(
        ushort destination,
        ushort source,
        byte radius,
        byte sequence,
        NwkDiscoverRoute discoverRoute = NwkDiscoverRoute.Enable,
        ulong? destinationIeeeAddress = null,
        ulong? sourceIeeeAddress = null,
        NwkAuxiliarySecurityHeader? security = null) =>
        new(NwkFrameControl.Create(NwkFrameType.Data, discoverRoute), destination, source, radius, sequence,
            destinationIeeeAddress, sourceIeeeAddress, null, null, security);

    /// <summary>A command frame header (protocol version 2); commands are sent with route discovery suppressed unless asked.</summary>
    public static NwkHeader Command(
        ushort destination,
        ushort source,
        byte radius,
        byte sequence,
        NwkDiscoverRoute discoverRoute = NwkDiscoverRoute.Suppress,
        ulong? destinationIeeeAddress = null,
        ulong? sourceIeeeAddress = null,
        NwkAuxiliarySecurityHeader? security = null) =>
        new(NwkFrameControl.Create(NwkFrameType.Command, discoverRoute), destination, source, radius, sequence,
            destinationIeeeAddress, sourceIeeeAddress, null, null, security);

    /// <summary>The stub NWK header of an inter-PAN frame (frame type 3, protocol version 2).</summary>
    public static NwkHeader InterPan() => new(NwkFrameControl.Create(NwkFrameType.InterPan), 0, 0, 0, 0);

    /// <summary>The frame control as it goes on air: optional-field bits follow the fields (inter-PAN: as given).</summary>
    public NwkFrameControl Normalised() =>
        IsInterPan
            ? FrameControl
            : FrameControl.WithOptionalFields(
                MulticastControl.HasValue, Security.HasValue, SourceRoute.HasValue, DestinationIeeeAddress.HasValue, SourceIeeeAddress.HasValue);
}
