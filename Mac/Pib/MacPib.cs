using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;

namespace ZigBee.Mac.Pib;

/// <summary>
/// The MAC PAN information base (IEEE 802.15.4-2006 §7.4.2, Table 86) with the PHY attributes the MAC reaches
/// through the radio. Typed properties throw <see cref="ArgumentOutOfRangeException"/> on values outside the
/// spec's range; <see cref="Get"/> and <see cref="Set"/> are MLME-GET/SET by identifier and answer with a status.
/// Touched only on the node's loop.
/// </summary>
public sealed class MacPib
{
    private readonly IRadio _radio;
    private readonly Random _random;
    private byte[] _beaconPayload = [];
    private bool _rxOnWhenIdle;
    private ushort _panId;
    private ushort _shortAddress;
    private bool _promiscuous;
    private byte _maxBe;
    private byte _minBe;
    private byte _maxCsmaBackoffs;
    private byte _maxFrameRetries;
    private byte _responseWaitTime;
    private int _maxFrameTotalWaitTime;

    internal MacPib(IRadio radio, Random random)
    {
        _radio = radio;
        _random = random;
        Reset();
    }

    /// <summary>Raised when macRxOnWhenIdle changes, so the MAC can switch the receiver.</summary>
    internal event Action? RxOnWhenIdleChanged;

    /// <summary>Raised when macPANId, macShortAddress or macPromiscuousMode change, so the MAC can refilter the radio.</summary>
    internal event Action? AddressingChanged;

    /// <summary>phyCurrentChannel, 11–26 at 2.4 GHz; setting it tunes the radio.</summary>
    public byte PhyCurrentChannel
    {
        get => _radio.Channel;
        set => ThrowIfFailed(Set(MacPibAttribute.PhyCurrentChannel, value), value);
    }

    /// <summary>macAckWaitDuration in symbols (read-only: 54 at 2.4 GHz).</summary>
    public int MacAckWaitDuration => MacConstants.AckWaitDurationSymbols;

    public bool MacAssociatedPanCoord { get; set; }

    public bool MacAssociationPermit { get; set; }

    public bool MacAutoRequest { get; set; }

    /// <summary>macBeaconPayload; at most aMaxBeaconPayloadLength (52) octets. The setter copies.</summary>
    public ReadOnlyMemory<byte> MacBeaconPayload
    {
        get => _beaconPayload;
        set => ThrowIfFailed(Set(MacPibAttribute.MacBeaconPayload, MacPibValue.FromBytes(value)), value.Length);
    }

    public int MacBeaconPayloadLength => _beaconPayload.Length;

    /// <summary>macBeaconOrder: 15 only (non-beacon-enabled PAN).</summary>
    public byte MacBeaconOrder => 15;

    /// <summary>macSuperframeOrder: 15 only (non-beacon-enabled PAN).</summary>
    public byte MacSuperframeOrder => 15;

    public byte MacBsn { get; set; }

    public byte MacDsn { get; set; }

    public ulong MacCoordExtendedAddress { get; set; }

    public ushort MacCoordShortAddress { get; set; }

    /// <summary>macMaxBE, 3–8.</summary>
    public byte MacMaxBe
    {
        get => _maxBe;
        set => ThrowIfFailed(Set(MacPibAttribute.MacMaxBe, value), value);
    }

    /// <summary>macMinBE, 0–macMaxBE.</summary>
    public byte MacMinBe
    {
        get => _minBe;
        set => ThrowIfFailed(Set(MacPibAttribute.MacMinBe, value), value);
    }

    /// <summary>macMaxCSMABackoffs, 0–5.</summary>
    public byte MacMaxCsmaBackoffs
    {
        get => _maxCsmaBackoffs;
        set => ThrowIfFailed(Set(MacPibAttribute.MacMaxCsmaBackoffs, value), value);
    }

    /// <summary>macMaxFrameRetries, 0–7.</summary>
    public byte MacMaxFrameRetries
    {
        get => _maxFrameRetries;
        set => ThrowIfFailed(Set(MacPibAttribute.MacMaxFrameRetries, value), value);
    }

    /// <summary>macMaxFrameTotalWaitTime in symbols: how long a device waits for a frame its coordinator announced.</summary>
    public int MacMaxFrameTotalWaitTime
    {
        get => _maxFrameTotalWaitTime;
        set => ThrowIfFailed(Set(MacPibAttribute.MacMaxFrameTotalWaitTime, (ulong)value), value);
    }

    /// <summary>macResponseWaitTime in aBaseSuperframeDuration units, 2–64.</summary>
    public byte MacResponseWaitTime
    {
        get => _responseWaitTime;
        set => ThrowIfFailed(Set(MacPibAttribute.MacResponseWaitTime, value), value);
    }

    public ushort MacPanId
    {
        get => _panId;
        set => SetAddressing(ref _panId, value);
    }

    public bool MacPromiscuousMode
    {
        get => _promiscuous;
        set => SetAddressing(ref _promiscuous, value);
    }

    private void SetAddressing<T>(ref T field, T value)
        where T : IEquatable<T>
    {
        if (!field.Equals(value))
        {
            field = value;
            AddressingChanged?.Invoke();
        }
    }

    /// <summary>macRxOnWhenIdle: the receiver stays on between transmissions (false for a sleepy end device).</summary>
    public bool MacRxOnWhenIdle
    {
        get => _rxOnWhenIdle;
        set
        {
            if (_rxOnWhenIdle != value)
            {
                _rxOnWhenIdle = value;
                RxOnWhenIdleChanged?.Invoke();
            }
        }
    }

    public ushort MacShortAddress
    {
        get => _shortAddress;
        set => SetAddressing(ref _shortAddress, value);
    }

    /// <summary>macTransactionPersistenceTime in aBaseSuperframeDuration units (default 0x01F4 = 7.68 s).</summary>
    public ushort MacTransactionPersistenceTime { get; set; }

    /// <summary>macSecurityEnabled: always false (MAC security is not implemented; ZigBee secures at NWK/APS).</summary>
    public bool MacSecurityEnabled => false;

    /// <summary>macTimestampSupported: true, every indication and confirm carries a timestamp.</summary>
    public bool MacTimestampSupported => true;

    /// <summary>macAckWaitDuration as time.</summary>
    public TimeSpan AckWaitDuration => Phy24GHz.Symbols(MacAckWaitDuration);

    /// <summary>macResponseWaitTime as time (macResponseWaitTime · aBaseSuperframeDuration symbols).</summary>
    public TimeSpan ResponseWaitTime => Phy24GHz.Symbols(MacResponseWaitTime * MacConstants.BaseSuperframeDuration);

    /// <summary>macTransactionPersistenceTime as time (units of aBaseSuperframeDuration in a non-beacon PAN).</summary>
    public TimeSpan TransactionPersistenceTime =>
        Phy24GHz.Symbols(MacTransactionPersistenceTime * MacConstants.BaseSuperframeDuration);

    /// <summary>macMaxFrameTotalWaitTime as time.</summary>
    public TimeSpan MaxFrameTotalWaitTime => Phy24GHz.Symbols(MacMaxFrameTotalWaitTime);

    /// <summary>
    /// macMaxFrameTotalWaitTime from the CSMA attributes (§7.4.2):
    /// (Σ_{k=0}^{m−1} 2^(macMinBE+k) + (2^macMaxBE − 1)(macMaxCSMABackoffs − m)) · aUnitBackoffPeriod + phyMaxFrameDuration,
    /// m = min(macMaxBE − macMinBE, macMaxCSMABackoffs).
    /// </summary>
    public static int ComputeMaxFrameTotalWaitTime(int minBe, int maxBe, int maxCsmaBackoffs)
    {
        var m = Math.Min(maxBe - minBe, maxCsmaBackoffs);
        var sum = 0;
        for (var k = 0; k < m; k++)
        {
            sum += 1 << (minBe + k);
        }

        sum += ((1 << maxBe) - 1) * (maxCsmaBackoffs - m);
        return (sum * MacConstants.UnitBackoffPeriod) + MacConstants.PhyMaxFrameDuration;
    }

    /// <summary>Sets every attribute to its default (MLME-RESET with SetDefaultPIB); DSN and BSN start at random.</summary>
    public void Reset()
    {
        MacAssociatedPanCoord = false;
        MacAssociationPermit = false;
        MacAutoRequest = true;
        _beaconPayload = [];
        MacBsn = (byte)_random.Next(256);
        MacDsn = (byte)_random.Next(256);
        MacCoordExtendedAddress = 0;
        MacCoordShortAddress = MacAddress.BroadcastShort;
        _maxBe = 5;
        _minBe = 3;
        _maxCsmaBackoffs = 4;
        _maxFrameRetries = MacConstants.MaxFrameRetries;
        _maxFrameTotalWaitTime = ComputeMaxFrameTotalWaitTime(_minBe, _maxBe, _maxCsmaBackoffs);
        _responseWaitTime = 32;
        _panId = MacAddress.BroadcastPan;
        _promiscuous = false;
        MacRxOnWhenIdle = false;
        _shortAddress = MacAddress.BroadcastShort;
        MacTransactionPersistenceTime = 0x01F4;
        AddressingChanged?.Invoke();
    }

    /// <summary>MLME-GET (§7.1.6): the value, or UNSUPPORTED_ATTRIBUTE.</summary>
    public MacStatus Get(MacPibAttribute attribute, out MacPibValue value)
    {
        value = attribute switch
        {
            MacPibAttribute.PhyCurrentChannel => PhyCurrentChannel,
            MacPibAttribute.PhyChannelsSupported => MacConstants.SupportedChannels,
            MacPibAttribute.PhyCurrentPage => 0UL,
            MacPibAttribute.PhyMaxFrameDuration => (ulong)MacConstants.PhyMaxFrameDuration,
            MacPibAttribute.PhyShrDuration => (ulong)MacConstants.PhyShrDuration,
            MacPibAttribute.PhySymbolsPerOctet => (ulong)MacConstants.PhySymbolsPerOctet,
            MacPibAttribute.MacAckWaitDuration => (ulong)MacAckWaitDuration,
            MacPibAttribute.MacAssociatedPanCoord => MacAssociatedPanCoord,
            MacPibAttribute.MacAssociationPermit => MacAssociationPermit,
            MacPibAttribute.MacAutoRequest => MacAutoRequest,
            MacPibAttribute.MacBeaconPayload => MacPibValue.FromBytes(_beaconPayload),
            MacPibAttribute.MacBeaconPayloadLength => (ulong)_beaconPayload.Length,
            MacPibAttribute.MacBeaconOrder => (ulong)MacBeaconOrder,
            MacPibAttribute.MacBsn => (ulong)MacBsn,
            MacPibAttribute.MacCoordExtendedAddress => MacCoordExtendedAddress,
            MacPibAttribute.MacCoordShortAddress => (ulong)MacCoordShortAddress,
            MacPibAttribute.MacDsn => (ulong)MacDsn,
            MacPibAttribute.MacMaxCsmaBackoffs => (ulong)MacMaxCsmaBackoffs,
            MacPibAttribute.MacMinBe => (ulong)MacMinBe,
            MacPibAttribute.MacPanId => (ulong)MacPanId,
            MacPibAttribute.MacPromiscuousMode => MacPromiscuousMode,
            MacPibAttribute.MacRxOnWhenIdle => MacRxOnWhenIdle,
            MacPibAttribute.MacShortAddress => (ulong)MacShortAddress,
            MacPibAttribute.MacSuperframeOrder => (ulong)MacSuperframeOrder,
            MacPibAttribute.MacTransactionPersistenceTime => (ulong)MacTransactionPersistenceTime,
            MacPibAttribute.MacMaxBe => (ulong)MacMaxBe,
            MacPibAttribute.MacMaxFrameTotalWaitTime => (ulong)MacMaxFrameTotalWaitTime,
            MacPibAttribute.MacMaxFrameRetries => (ulong)MacMaxFrameRetries,
            MacPibAttribute.MacResponseWaitTime => (ulong)MacResponseWaitTime,
            MacPibAttribute.MacTimestampSupported => MacTimestampSupported,
            MacPibAttribute.MacSecurityEnabled => MacSecurityEnabled,
            _ => default,
        };
        return IsSupported(attribute) ? MacStatus.Success : MacStatus.UnsupportedAttribute;
    }

    /// <summary>MLME-SET (§7.1.13): SUCCESS, READ_ONLY, UNSUPPORTED_ATTRIBUTE or INVALID_PARAMETER (out of range).</summary>
    public MacStatus Set(MacPibAttribute attribute, MacPibValue value)
    {
        if (!IsSupported(attribute))
        {
            return MacStatus.UnsupportedAttribute;
        }

        var v = value.Integer;
        switch (attribute)
        {
            case MacPibAttribute.PhyChannelsSupported:
            case MacPibAttribute.PhyMaxFrameDuration:
            case MacPibAttribute.PhyShrDuration:
            case MacPibAttribute.PhySymbolsPerOctet:
            case MacPibAttribute.MacAckWaitDuration:
            case MacPibAttribute.MacTimestampSupported:
                return MacStatus.ReadOnly;
            case MacPibAttribute.PhyCurrentChannel:
                if (v is < Phy24GHz.FirstChannel or > Phy24GHz.LastChannel)
                {
                    return MacStatus.InvalidParameter;
                }

                _radio.SetChannel((byte)v);
                return MacStatus.Success;
            case MacPibAttribute.PhyCurrentPage:
                // Page 0 is the only page a 2.4 GHz O-QPSK radio has.
                return v == 0 ? MacStatus.Success : MacStatus.InvalidParameter;
            case MacPibAttribute.MacAssociatedPanCoord:
                return SetBoolean(v, b => MacAssociatedPanCoord = b);
            case MacPibAttribute.MacAssociationPermit:
                return SetBoolean(v, b => MacAssociationPermit = b);
            case MacPibAttribute.MacAutoRequest:
                return SetBoolean(v, b => MacAutoRequest = b);
            case MacPibAttribute.MacPromiscuousMode:
                return SetBoolean(v, b => MacPromiscuousMode = b);
            case MacPibAttribute.MacRxOnWhenIdle:
                return SetBoolean(v, b => MacRxOnWhenIdle = b);
            case MacPibAttribute.MacSecurityEnabled:
                // Only FALSE is honoured: frames are never secured at the MAC sublayer by this implementation.
                return v == 0 ? MacStatus.Success : MacStatus.InvalidParameter;
            case MacPibAttribute.MacBeaconPayload:
                if (value.Bytes.Length > MacConstants.MaxBeaconPayloadLength)
                {
                    return MacStatus.InvalidParameter;
                }

                _beaconPayload = value.Bytes.ToArray();
                return MacStatus.Success;
            case MacPibAttribute.MacBeaconPayloadLength:
                // Setting the length truncates the payload or pads it with zeros, as a PIB of two attributes does.
                if (v > MacConstants.MaxBeaconPayloadLength)
                {
                    return MacStatus.InvalidParameter;
                }

                var resized = new byte[v];
                _beaconPayload.AsSpan(0, Math.Min(_beaconPayload.Length, resized.Length)).CopyTo(resized);
                _beaconPayload = resized;
                return MacStatus.Success;
            case MacPibAttribute.MacBeaconOrder:
            case MacPibAttribute.MacSuperframeOrder:
                // Only non-beacon-enabled PANs are implemented.
                return v == 15 ? MacStatus.Success : MacStatus.InvalidParameter;
            case MacPibAttribute.MacBsn:
                return SetInRange(v, 0xFF, x => MacBsn = (byte)x);
            case MacPibAttribute.MacDsn:
                return SetInRange(v, 0xFF, x => MacDsn = (byte)x);
            case MacPibAttribute.MacCoordExtendedAddress:
                MacCoordExtendedAddress = v;
                return MacStatus.Success;
            case MacPibAttribute.MacCoordShortAddress:
                return SetInRange(v, 0xFFFF, x => MacCoordShortAddress = (ushort)x);
            case MacPibAttribute.MacPanId:
                return SetInRange(v, 0xFFFF, x => MacPanId = (ushort)x);
            case MacPibAttribute.MacShortAddress:
                return SetInRange(v, 0xFFFF, x => MacShortAddress = (ushort)x);
            case MacPibAttribute.MacTransactionPersistenceTime:
                return SetInRange(v, 0xFFFF, x => MacTransactionPersistenceTime = (ushort)x);
            case MacPibAttribute.MacMaxCsmaBackoffs:
                return v <= 5 ? SetBacking(attribute, (byte)v) : MacStatus.InvalidParameter;
            case MacPibAttribute.MacMinBe:
                return v <= MacMaxBe ? SetBacking(attribute, (byte)v) : MacStatus.InvalidParameter;
            case MacPibAttribute.MacMaxBe:
                return v is >= 3 and <= 8 && v >= MacMinBe ? SetBacking(attribute, (byte)v) : MacStatus.InvalidParameter;
            case MacPibAttribute.MacMaxFrameRetries:
                return v <= 7 ? SetBacking(attribute, (byte)v) : MacStatus.InvalidParameter;
            case MacPibAttribute.MacResponseWaitTime:
                return v is >= 2 and <= 64 ? SetBacking(attribute, (byte)v) : MacStatus.InvalidParameter;
            case MacPibAttribute.MacMaxFrameTotalWaitTime:
                // 0–2^24: the symbol counter of §7.4.2 is 24 bits wide.
                return v <= 0xFF_FFFF ? SetBacking(attribute, (int)v) : MacStatus.InvalidParameter;
            default:
                return MacStatus.UnsupportedAttribute;
        }
    }

    private static bool IsSupported(MacPibAttribute attribute) => attribute switch
    {
        MacPibAttribute.PhyTransmitPower or MacPibAttribute.PhyCcaMode => false,
        MacPibAttribute.MacBattLifeExt or MacPibAttribute.MacBattLifeExtPeriods => false,
        MacPibAttribute.MacBeaconTxTime or MacPibAttribute.MacGtsPermit or MacPibAttribute.MacSyncSymbolOffset => false,
        <= MacPibAttribute.PhySymbolsPerOctet => true,
        >= MacPibAttribute.MacAckWaitDuration and <= MacPibAttribute.MacSecurityEnabled => true,
        _ => false,
    };

    private static MacStatus SetBoolean(ulong value, Action<bool> set)
    {
        if (value > 1)
        {
            return MacStatus.InvalidParameter;
        }

        set(value == 1);
        return MacStatus.Success;
    }

    private static MacStatus SetInRange(ulong value, ulong max, Action<ulong> set)
    {
        if (value > max)
        {
            return MacStatus.InvalidParameter;
        }

        set(value);
        return MacStatus.Success;
    }

    // Stores a range-checked attribute; Set is the one place that checks, the typed setters go through it.
    private MacStatus SetBacking(MacPibAttribute attribute, int value)
    {
        switch (attribute)
        {
            case MacPibAttribute.MacMaxCsmaBackoffs:
                _maxCsmaBackoffs = (byte)value;
                break;
            case MacPibAttribute.MacMinBe:
                _minBe = (byte)value;
                break;
            case MacPibAttribute.MacMaxBe:
                _maxBe = (byte)value;
                break;
            case MacPibAttribute.MacMaxFrameRetries:
                _maxFrameRetries = (byte)value;
                break;
            case MacPibAttribute.MacResponseWaitTime:
                _responseWaitTime = (byte)value;
                break;
            case MacPibAttribute.MacMaxFrameTotalWaitTime:
                _maxFrameTotalWaitTime = value;
                break;
        }

        return MacStatus.Success;
    }

    private static void ThrowIfFailed(MacStatus status, object value)
    {
        if (status != MacStatus.Success)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"PIB attribute value out of range ({status})");
        }
    }
}
