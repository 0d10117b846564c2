using ZigBee.Aps.Frames;
using ZigBee.Aps.Security;
using ZigBee.Aps.Tables;
using ZigBee.Nwk;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;

namespace ZigBee.Aps.Service;

// The trust center (§4.6.3, §4.7) on the coordinator and the joiner and router sides on every device: a device that
// joins gets the network key by transport key under its TC link key (the key-transport key), directly when it is the
// trust center's child, else tunnelled through its parent after the parent's update device; the policy may refuse it
// (remove device → the parent asks it to leave). Then: request key, verify key / confirm key, key switch.
public sealed partial class ApsService
{
    private readonly Dictionary<ulong, ushort> _parentOf = new();

    /// <summary>Children this router reported by update device and has not yet relayed a key to: they hold no network key.</summary>
    private readonly HashSet<ulong> _awaitingKey = new();
    private TrustCenterPolicy? _trustCenter;
    private Random? _keyRandom;

    /// <summary>The trust center's policy when this device is the trust center; null otherwise.</summary>
    public TrustCenterPolicy? TrustCenter => _trustCenter;

    /// <summary>True when this device is the network's trust center.</summary>
    public bool IsTrustCenter => _trustCenter is not null;

    /// <summary>Raised on a device when the trust center confirmed the link key it holds for it (confirm key, SUCCESS).</summary>
    public event Action<ApsService, ulong>? LinkKeyVerified;

    /// <summary>Raised on the trust center when its policy refused a device (it is asked to leave).</summary>
    public event Action<ApsService, ulong>? DeviceRefused;

    /// <summary>
    /// Makes this device (the coordinator, holding the network key) the trust center under <paramref name="policy"/>:
    /// from now on every device that joins through NLME-JOIN here or through a router's update device is admitted or
    /// refused. <paramref name="keySeed"/> seeds the unique link keys it hands out on request key.
    /// </summary>
    public void StartTrustCenter(TrustCenterPolicy policy, int keySeed = 0)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (_nwk.Nib.SecurityMaterialSet.Active is null)
        {
            throw new InvalidOperationException("the trust center needs the network key installed first");
        }

        _trustCenter = policy;
        _keyRandom = new Random(keySeed);
        TrustCenterAddress = ExtendedAddress;
        BecomeAuthenticated();
    }

    /// <summary>NLME-JOIN.indication: the trust center admits its own child; a router reports the child to the trust center.</summary>
    private void OnNwkJoinIndication(in NlmeJoinIndication indication)
    {
        if (indication.SecureRejoin)
        {
            // It holds the network key already (§4.6.3.3): nothing to transport.
            return;
        }

        if (IsTrustCenter)
        {
            Admit(indication.ExtendedAddress, indication.NetworkAddress, parent: null);
            return;
        }

        if (!IsAuthenticated || TrustCenterAddress == 0 || KeyPairs.Find(TrustCenterAddress) is not { } tc)
        {
            return;
        }

        // §4.6.3.2.1: a router tells the trust center about a device that joined it, secured with its TC link key.
        var status = indication.RejoinNetwork == NwkRejoinNetwork.Association
            ? ApsUpdateDeviceStatus.StandardDeviceUnsecuredJoin
            : ApsUpdateDeviceStatus.StandardDeviceTrustCenterRejoin;
        Span<byte> command = stackalloc byte[12];
        new UpdateDeviceCommand(indication.ExtendedAddress, indication.NetworkAddress, status).Encode(command);
        _awaitingKey.Add(indication.ExtendedAddress);
        if (BuildSecuredCommand(tc, NwkKeyIdentifier.DataKey, command) is { } frame)
        {
            Counters.UpdateDevicesSent++;
            _ = SendCommandFrameAsync(TrustCenterNetworkAddress, frame);
        }
    }

    /// <summary>
    /// The trust center decides on a device that joined (§4.6.3.2.2): sends it the network key under its link key's
    /// key-transport key — directly, unsecured at NWK, or in a tunnel to its parent — or has it removed.
    /// </summary>
    private void Admit(ulong device, ushort deviceAddress, ushort? parent)
    {
        var policy = _trustCenter!;
        var held = KeyPairs.Find(device)?.Key.LinkKey;
        if (!policy.TryAdmit(device, held, out var linkKey) || !KeyPairs.Set(device, linkKey))
        {
            Counters.DevicesRefused++;
            DeviceRefused?.Invoke(this, device);
            RemoveChild(device, parent);
            return;
        }

        if (parent is { } p)
        {
            _parentOf[device] = p;
        }
        else
        {
            _parentOf.Remove(device);
        }

        var pair = KeyPairs.Find(device)!;
        var active = _nwk.Nib.SecurityMaterialSet.Active!;
        if (BuildTransportKey(pair, TransportKeyCommand.NetworkKey(active.Key.ToApsKey(), active.KeySeqNumber, device, ExtendedAddress)) is not { } inner)
        {
            return;
        }

        Counters.TransportKeysSent++;
        if (parent is null)
        {
            _ = SendCommandFrameAsync(deviceAddress, inner, inTheClear: true);
            return;
        }

        // §4.4.3.2: the tunnel carries the secured transport key; the parent relays the inner frame as it is.
        var tunnel = new byte[TunnelCommand.TunnelledFrameOffset + inner.Length];
        TunnelCommand.Encode(device, inner, tunnel);
        _ = SendCommandFrameAsync(parent.Value, BuildCommand(tunnel));
    }

    private byte[]? BuildTransportKey(ApsDeviceKeyPair pair, in TransportKeyCommand command)
    {
        Span<byte> payload = stackalloc byte[command.Length];
        command.Encode(payload);
        return BuildSecuredCommand(pair, NwkKeyIdentifier.KeyTransportKey, payload);
    }

    /// <summary>A refused device leaves: the trust center's own child by NWK leave, another through its parent's remove device.</summary>
    private void RemoveChild(ulong device, ushort? parent)
    {
        if (parent is null)
        {
            _ = _nwk.LeaveAsync(new NlmeLeaveRequest(device) { InTheClear = true });
            return;
        }

        if (_nwk.Nib.AddressMap.TryGetExtended(parent.Value, out var parentIeee) && KeyPairs.Find(parentIeee) is { } router)
        {
            Span<byte> command = stackalloc byte[9];
            new RemoveDeviceCommand(device).Encode(command);
            if (BuildSecuredCommand(router, NwkKeyIdentifier.DataKey, command) is { } frame)
            {
                Counters.RemoveDevicesSent++;
                _ = SendCommandFrameAsync(parent.Value, frame);
            }
        }
    }

    /// <summary>
    /// APSME-REMOVE-DEVICE on the trust center: asks <paramref name="device"/> to leave (through its parent when it is
    /// not a child of the trust center) and forgets its link key. False when the device is unknown here.
    /// </summary>
    public bool RemoveDevice(ulong device)
    {
        if (!IsTrustCenter || KeyPairs.Find(device) is null)
        {
            return false;
        }

        RemoveChild(device, _parentOf.TryGetValue(device, out var parent) ? parent : null);
        KeyPairs.Remove(device);
        _parentOf.Remove(device);
        return true;
    }

    /// <summary>
    /// APSME-TRANSPORT-KEY of a new network key to every device the trust center admitted (§4.6.3.4), each under its
    /// own link key, over the secured network, acknowledged; devices hold it as the alternate key until the switch.
    /// Returns how many devices acknowledged their key.
    /// </summary>
    public async Task<int> DistributeNetworkKeyAsync(ZigBeeKey key, byte keySeqNumber, IReadOnlyList<(ulong Device, ushort Address)> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (!IsTrustCenter)
        {
            throw new InvalidOperationException("only the trust center distributes network keys");
        }

        _nwk.SetAlternateNetworkKey(key, keySeqNumber);
        var sends = new List<Task<bool>>();
        foreach (var (device, address) in devices)
        {
            if (KeyPairs.Find(device) is not { } pair)
            {
                continue;
            }

            var command = new byte[TransportKeyCommand.NetworkKey(default, 0, 0, 0).Length];
            TransportKeyCommand.NetworkKey(key.ToApsKey(), keySeqNumber, device, ExtendedAddress).Encode(command);
            Counters.TransportKeysSent++;
            // Acknowledged: a device that misses its key could not follow the switch.
            sends.Add(SendAcknowledgedCommandAsync(address, pair, NwkKeyIdentifier.KeyTransportKey, command));
        }

        var delivered = 0;
        foreach (var send in sends)
        {
            delivered += await send ? 1 : 0;
        }

        return delivered;
    }

    /// <summary>APSME-SWITCH-KEY (§4.4.7): broadcasts switch key to every device, then switches the trust center itself.</summary>
    public async Task<bool> SwitchNetworkKeyAsync(byte keySeqNumber)
    {
        if (!IsTrustCenter)
        {
            throw new InvalidOperationException("only the trust center switches the network key");
        }

        Span<byte> command = stackalloc byte[2];
        new SwitchKeyCommand(keySeqNumber).Encode(command);
        var frame = BuildCommand(command, ApsDeliveryMode.Broadcast);
        var status = await SendCommandFrameAsync(NwkConstants.BroadcastAll, frame);
        return _nwk.SwitchNetworkKey(keySeqNumber) && status == NwkStatus.Success;
    }

    /// <summary>
    /// APSME-REQUEST-KEY for a trust-center link key (§4.4.6, R21 TC link key update): the trust center answers with a
    /// unique link key by transport key; this device then verifies it (verify key), and the trust center confirms it.
    /// </summary>
    public Task<NwkStatus> RequestTrustCenterLinkKeyAsync()
    {
        if (!IsAuthenticated || IsTrustCenter || KeyPairs.Find(TrustCenterAddress) is not { } tc)
        {
            return Task.FromResult(NwkStatus.InvalidRequest);
        }

        Span<byte> command = stackalloc byte[2];
        RequestKeyCommand.TrustCenterLinkKey().Encode(command);
        return BuildSecuredCommand(tc, NwkKeyIdentifier.DataKey, command) is { } frame
            ? SendCommandFrameAsync(TrustCenterNetworkAddress, frame)
            : Task.FromResult(NwkStatus.InvalidRequest);
    }

    /// <summary>A command frame's plaintext (decrypted, or unsecured and allowed so): what it asks for.</summary>
    private void OnCommand(in NldeDataIndication indication, ReadOnlySpan<byte> payload, ulong sender, NwkKeyIdentifier? keyIdentifier)
    {
        Counters.CommandsReceived++;
        if (payload.IsEmpty)
        {
            Counters.MalformedDropped++;
            return;
        }

        var id = (ApsCommandId)payload[0];
        if (keyIdentifier is null && !IsUnsecuredCommandAllowed(indication, id))
        {
            Counters.RefusedUnsecured++;
            return;
        }

        var handled = id switch
        {
            ApsCommandId.TransportKey => OnTransportKey(payload, sender, keyIdentifier),
            ApsCommandId.UpdateDevice => OnUpdateDevice(indication, payload, sender),
            ApsCommandId.RemoveDevice => OnRemoveDevice(payload, sender),
            ApsCommandId.RequestKey => OnRequestKey(indication, payload, sender),
            ApsCommandId.SwitchKey => SwitchKeyCommand.TryDecode(payload, out var switchKey) && _nwk.SwitchNetworkKey(switchKey.KeySequenceNumber),
            ApsCommandId.Tunnel => OnTunnel(payload),
            ApsCommandId.VerifyKey => OnVerifyKey(indication, payload),
            ApsCommandId.ConfirmKey => OnConfirmKey(payload, sender),
            _ => false,
        };
        if (!handled)
        {
            Counters.CommandsIgnored++;
        }
    }

    private bool OnTransportKey(ReadOnlySpan<byte> payload, ulong sender, NwkKeyIdentifier? keyIdentifier)
    {
        if (keyIdentifier != NwkKeyIdentifier.KeyTransportKey || !TransportKeyCommand.TryDecode(payload, out var command)
            || (command.DestinationAddress != ExtendedAddress && command.DestinationAddress != 0) || IsTrustCenter)
        {
            return false;
        }

        // Only the trust center hands out keys: before authentication whoever held our TC link key, afterwards the one we know.
        if (IsAuthenticated && sender != TrustCenterAddress)
        {
            return false;
        }

        Counters.TransportKeysReceived++;
        switch (command.KeyType)
        {
            case ApsKeyType.StandardNetworkKey when !IsAuthenticated:
                _nwk.InstallNetworkKey(command.Key.ToZigBeeKey(), command.KeySequenceNumber);
                TrustCenterAddress = command.SourceAddress != 0 ? command.SourceAddress : sender;
                if (_nwk.Options.DeferEndDeviceTimeoutRequestUntilSecured)
                {
                    _nwk.SendEndDeviceTimeoutRequest();
                }

                BecomeAuthenticated();
                return true;
            case ApsKeyType.StandardNetworkKey:
                if (_nwk.Nib.SecurityMaterialSet.Active?.KeySeqNumber != command.KeySequenceNumber)
                {
                    _nwk.SetAlternateNetworkKey(command.Key.ToZigBeeKey(), command.KeySequenceNumber);
                }

                return true;
            case ApsKeyType.TrustCenterLinkKey when IsAuthenticated:
                {
                    var key = command.Key.ToZigBeeKey();
                    KeyPairs.Set(TrustCenterAddress, key);
                    // §4.4.10.7: prove we hold the new key with its hash; NWK security carries it, the hash is the proof.
                    Span<byte> verify = stackalloc byte[26];
                    new VerifyKeyCommand(ApsKeyType.TrustCenterLinkKey, ExtendedAddress, KeyDerivation.VerifyKeyHash(key).ToApsKey()).Encode(verify);
                    _ = SendCommandFrameAsync(TrustCenterNetworkAddress, BuildCommand(verify));
                    return true;
                }

            default:
                return false;
        }
    }

    private bool OnUpdateDevice(in NldeDataIndication indication, ReadOnlySpan<byte> payload, ulong sender)
    {
        if (!IsTrustCenter || !UpdateDeviceCommand.TryDecode(payload, out var command) || KeyPairs.Find(sender) is null)
        {
            return false;
        }

        switch (command.Status)
        {
            case ApsUpdateDeviceStatus.StandardDeviceUnsecuredJoin or ApsUpdateDeviceStatus.StandardDeviceTrustCenterRejoin:
                _nwk.NoteDeviceAnnounce(command.DeviceShortAddress, command.DeviceAddress);
                Admit(command.DeviceAddress, command.DeviceShortAddress, indication.SrcAddr);
                return true;
            case ApsUpdateDeviceStatus.DeviceLeft:
                _parentOf.Remove(command.DeviceAddress);
                return true;
            default:
                return true;
        }
    }

    private bool OnRemoveDevice(ReadOnlySpan<byte> payload, ulong sender)
    {
        if (sender != TrustCenterAddress || IsTrustCenter || !RemoveDeviceCommand.TryDecode(payload, out var command))
        {
            return false;
        }

        // A child the trust center never sent a key to cannot read a secured leave; one that holds the key refuses a clear one.
        Counters.RemoveDevicesReceived++;
        var keyless = _awaitingKey.Remove(command.TargetAddress);
        _ = _nwk.LeaveAsync(new NlmeLeaveRequest(command.TargetAddress) { InTheClear = keyless });
        return true;
    }

    private bool OnRequestKey(in NldeDataIndication indication, ReadOnlySpan<byte> payload, ulong sender)
    {
        if (!IsTrustCenter || !RequestKeyCommand.TryDecode(payload, out var command) || command.KeyType != ApsRequestKeyType.TrustCenterLinkKey
            || KeyPairs.Find(sender) is not { } pair)
        {
            return false;
        }

        // A fresh unique key, sent under the key-transport key of the key the device holds now; held unverified from now on.
        Span<byte> bytes = stackalloc byte[ZigBeeKey.Length];
        _keyRandom!.NextBytes(bytes);
        var key = ZigBeeKey.Read(bytes);
        if (BuildTransportKey(pair, TransportKeyCommand.TrustCenterLinkKey(key.ToApsKey(), sender, ExtendedAddress)) is not { } frame)
        {
            return false;
        }

        KeyPairs.Set(sender, key);
        Counters.TransportKeysSent++;
        _ = SendCommandFrameAsync(indication.SrcAddr, frame);
        return true;
    }

    private bool OnTunnel(ReadOnlySpan<byte> payload)
    {
        if (IsTrustCenter || !TunnelCommand.TryDecode(payload, out var command)
            || _nwk.NeighborTable.FindExtended(command.DestinationAddress) is not { IsChild: true } child)
        {
            return false;
        }

        // §4.4.3.2: the tunnelled frame goes to the child as it is, without NWK security (the child holds no network key).
        Counters.TunnelsRelayed++;
        _awaitingKey.Remove(command.DestinationAddress);
        _ = SendCommandFrameAsync(child.NetworkAddress, command.TunnelledBytes(payload).ToArray(), inTheClear: true);
        return true;
    }

    private bool OnVerifyKey(in NldeDataIndication indication, ReadOnlySpan<byte> payload)
    {
        if (!IsTrustCenter || !VerifyKeyCommand.TryDecode(payload, out var command) || command.KeyType != ApsKeyType.TrustCenterLinkKey
            || KeyPairs.Find(command.SourceAddress) is not { } pair)
        {
            return false;
        }

        var matches = KeyDerivation.VerifyKeyHash(pair.Key.LinkKey).ToApsKey() == command.InitiatorVerifyKeyHash;
        if (matches)
        {
            pair.Attribute = ApsKeyAttribute.Verified;
        }
        else
        {
            Counters.VerifyKeyFailed++;
        }

        // §4.4.10.8: confirm key is secured with the key being confirmed (a device with another key cannot read it).
        Span<byte> confirm = stackalloc byte[11];
        new ConfirmKeyCommand(matches ? ApsStatus.Success : ApsStatus.SecurityFail, ApsKeyType.TrustCenterLinkKey, command.SourceAddress).Encode(confirm);
        if (BuildSecuredCommand(pair, NwkKeyIdentifier.DataKey, confirm) is { } frame)
        {
            _ = SendCommandFrameAsync(indication.SrcAddr, frame);
        }

        return true;
    }

    private bool OnConfirmKey(ReadOnlySpan<byte> payload, ulong sender)
    {
        if (sender != TrustCenterAddress || !ConfirmKeyCommand.TryDecode(payload, out var command) || command.DestinationAddress != ExtendedAddress
            || KeyPairs.Find(sender) is not { } pair)
        {
            return false;
        }

        if (command.Status != ApsStatus.Success)
        {
            return true;
        }

        pair.Attribute = ApsKeyAttribute.Verified;
        LinkKeyVerified?.Invoke(this, sender);
        return true;
    }
}
