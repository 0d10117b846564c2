using System.Buffers;
using ZigBee.Aps.Frames;
using ZigBee.Aps.Security;
using ZigBee.Aps.Tables;
using ZigBee.Nwk;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;

namespace ZigBee.Aps.Service;

// APS frame security (§4.4.1): link keys per partner in apsDeviceKeyPairSet, per-key frame counters, secured command
// frames out, and secured frames in: freshness, MIC, then the plaintext goes the way an unsecured frame would.
public sealed partial class ApsService
{
    /// <summary>Auxiliary header of an APS frame we secure: security control, frame counter, extended nonce (our IEEE address).</summary>
    private const int ApsAuxiliaryHeaderLength = 1 + 4 + 8;

    private ApsDeviceKeyPairSet? _keyPairs;
    private ApsLinkKeyCiphers? _preconfiguredCiphers;
    private TaskCompletionSource<bool>? _authenticationWaiter;

    /// <summary>apsDeviceKeyPairSet: the link keys this device shares, one per partner IEEE address.</summary>
    public ApsDeviceKeyPairSet KeyPairs => _keyPairs ??= new ApsDeviceKeyPairSet(Options.KeyPairCapacity);

    /// <summary>apsTrustCenterAddress: the trust center's IEEE address, 0 until known (a joiner learns it from the transport key).</summary>
    public ulong TrustCenterAddress { get; set; }

    /// <summary>
    /// True once this device holds the network key from its trust center (or is the trust center, or was given the
    /// key out of band): it may then take part in the network (ZDO's Device_annce follows this).
    /// </summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>Raised once when this device becomes authenticated (the network key arrived from the trust center).</summary>
    public event Action<ApsService>? Authenticated;

    /// <summary>Marks this device authenticated without a transport key: a network key preconfigured out of band.</summary>
    public void MarkAuthenticated(ulong trustCenterAddress)
    {
        TrustCenterAddress = trustCenterAddress;
        if (trustCenterAddress != 0 && trustCenterAddress != ExtendedAddress && KeyPairs.Find(trustCenterAddress) is null)
        {
            KeyPairs.Set(trustCenterAddress, Options.TrustCenterLinkKey);
        }

        BecomeAuthenticated();
    }

    /// <summary>
    /// Completes true when this device is authenticated, false when <paramref name="timeout"/> (apsSecurityTimeOutPeriod
    /// for a joiner) passes first.
    /// </summary>
    public async Task<bool> WaitForAuthenticationAsync(TimeSpan timeout)
    {
        if (IsAuthenticated)
        {
            return true;
        }

        // One completion source and a timer, no Task.WhenAny: its completion would run off the caller's loop.
        var waiter = _authenticationWaiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = _time.CreateTimer(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(false), waiter, timeout, Timeout.InfiniteTimeSpan);
        await waiter.Task;
        if (_authenticationWaiter == waiter && waiter.Task.IsCompleted)
        {
            _authenticationWaiter = null;
        }

        return IsAuthenticated;
    }

    /// <summary>Forgets the authentication (the device left the network): the next join waits for a transport key again.</summary>
    public void ResetAuthentication()
    {
        IsAuthenticated = false;
        if (!IsTrustCenter)
        {
            TrustCenterAddress = 0;
        }
    }

    private void BecomeAuthenticated()
    {
        if (IsAuthenticated)
        {
            return;
        }

        IsAuthenticated = true;
        var waiter = _authenticationWaiter;
        _authenticationWaiter = null;
        waiter?.TrySetResult(true);
        Authenticated?.Invoke(this);
    }

    /// <summary>
    /// Builds an APS command frame secured (level 5 with the level 0 on air, extended nonce with our address) under
    /// <paramref name="keyIdentifier"/> of <paramref name="pair"/>'s link key; null when its frame counter is exhausted.
    /// </summary>
    private byte[]? BuildSecuredCommand(ApsDeviceKeyPair pair, NwkKeyIdentifier keyIdentifier, ReadOnlySpan<byte> command, bool ackRequest = false, byte? apsCounter = null)
    {
        if (!pair.TryTakeOutgoing(out var frameCounter) || pair.Key.For(keyIdentifier) is not { } cipher)
        {
            Counters.SecuringFailed++;
            return null;
        }

        var aux = new NwkAuxiliarySecurityHeader(
            NwkAuxiliarySecurityHeader.CreateSecurityControl(0, keyIdentifier, extendedNonce: true), frameCounter, ExtendedAddress);
        var header = ApsHeader.Command(apsCounter ?? NextCounter(), ackRequest) with { Security = aux };
        var headerLength = header.Length;
        var frame = new byte[headerLength + command.Length + ZigBeeCipher.MicLength];
        ApsFrame.EncodeHeader(header, frame);
        command.CopyTo(frame.AsSpan(headerLength));
        ApsFrameSecurity.Secure(frame, headerLength - ApsAuxiliaryHeaderLength, headerLength, headerLength + command.Length, ExtendedAddress, cipher);
        Counters.FramesSecured++;
        return frame;
    }

    /// <summary>An unsecured APS command frame (NWK security alone protects it).</summary>
    private byte[] BuildCommand(ReadOnlySpan<byte> command, ApsDeliveryMode deliveryMode = ApsDeliveryMode.Unicast) =>
        Encode(ApsHeader.Command(NextCounter(), deliveryMode: deliveryMode), command);

    /// <summary>Hands a command frame to NWK; <paramref name="inTheClear"/> sends it without NWK security (to a joiner).</summary>
    private Task<NwkStatus> SendCommandFrameAsync(ushort destination, byte[] frame, bool inTheClear = false)
    {
        Counters.CommandsSent++;
        var request = NldeDataRequest.To(destination, frame, frame.Length > 1 ? frame[1] : (byte)0) with { InTheClear = inTheClear, SecurityEnable = !inTheClear };
        return ConfirmStatusAsync(_nwk.DataRequestAsync(request));

        static async Task<NwkStatus> ConfirmStatusAsync(ValueTask<NldeDataConfirm> confirm) => (await confirm).Status;
    }

    /// <summary>
    /// Sends a secured command with an APS acknowledgement requested, again (re-secured under a fresh frame counter, the
    /// same APS counter) until it is acknowledged or apscMaxFrameRetries retransmissions went unanswered.
    /// </summary>
    private async Task<bool> SendAcknowledgedCommandAsync(ushort destination, ApsDeviceKeyPair pair, NwkKeyIdentifier keyIdentifier, byte[] command)
    {
        var counter = NextCounter();
        var pending = new PendingAck(destination, counter, new AckWaiter(_time));
        _pendingAcks.Add(pending);
        try
        {
            for (var attempt = 0; attempt <= Options.MaxFrameRetries; attempt++)
            {
                if (attempt > 0)
                {
                    Counters.Retries++;
                }

                if (BuildSecuredCommand(pair, keyIdentifier, command, ackRequest: true, apsCounter: counter) is not { } frame)
                {
                    return false;
                }

                await SendCommandFrameAsync(destination, frame);
                if (await pending.Waiter.WaitAsync(Options.AckWaitDuration, CancellationToken.None))
                {
                    return true;
                }
            }

            Counters.NoAck++;
            return false;
        }
        finally
        {
            _pendingAcks.Remove(pending);
            pending.Waiter.Dispose();
        }
    }

    /// <summary>
    /// A secured APS frame arrived: finds the key (the partner's, or before authentication the preconfigured trust-center
    /// link key), refuses a replayed counter or a failed MIC (counted), and handles the plaintext. The nonce source is
    /// the auxiliary header's extended nonce, else the NWK source's IEEE address.
    /// </summary>
    private void OnSecuredFrame(in NldeDataIndication indication, ReadOnlySpan<byte> nsdu, in ApsFrame frame)
    {
        var header = frame.Header;
        var aux = header.Security!.Value;
        var nwkSourceIeee = indication.SrcIeeeAddr;
        if (nwkSourceIeee == 0)
        {
            _nwk.Nib.AddressMap.TryGetExtended(indication.SrcAddr, out nwkSourceIeee);
        }

        var sender = aux.ExtendedNonce ? aux.SourceAddress : nwkSourceIeee;
        if (sender == 0 || aux.KeyIdentifier == NwkKeyIdentifier.NetworkKey)
        {
            // APS frames under the network key are not used by this stack (R22 secures APS commands with link keys).
            Counters.RefusedNoKey++;
            return;
        }

        var pair = KeyPairs.Find(sender);
        var ciphers = pair?.Key;
        if (ciphers is null && !IsAuthenticated && !IsTrustCenter)
        {
            // A joiner does not know its trust center's address yet: the preconfigured TC link key is tried (§4.6.3.2.3).
            ciphers = _preconfiguredCiphers ??= new ApsLinkKeyCiphers(Options.TrustCenterLinkKey);
        }

        if (ciphers is null)
        {
            Counters.RefusedNoKey++;
            return;
        }

        if (pair is not null && !pair.IsFresh(aux.FrameCounter))
        {
            Counters.RefusedReplay++;
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, frame.PayloadLength));
        try
        {
            if (!ApsFrameSecurity.TryUnsecure(nsdu, frame, nwkSourceIeee, ciphers, null, buffer, out var plainLength))
            {
                Counters.RefusedMic++;
                return;
            }

            Counters.FramesUnsecured++;
            if (pair is null)
            {
                // The preconfigured key worked: it is now the key shared with this sender.
                KeyPairs.Set(sender, ciphers.LinkKey);
                pair = KeyPairs.Find(sender);
            }

            pair?.Accept(aux.FrameCounter);
            var plaintext = buffer.AsSpan(0, plainLength);
            switch (header.FrameType)
            {
                case ApsFrameType.Command:
                    if (header.FrameControl.AckRequest && IsUnicastToUs(indication))
                    {
                        SendAck(indication.SrcAddr, ApsHeader.CommandAck(header.Counter));
                    }

                    OnCommand(indication, plaintext, sender, aux.KeyIdentifier);
                    break;
                case ApsFrameType.Data:
                    OnData(indication, header, plaintext);
                    break;
                case ApsFrameType.Acknowledgement:
                    OnAcknowledgement(indication.SrcAddr, header);
                    break;
                default:
                    Counters.NoEndpointDropped++;
                    break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The trust center is the coordinator, at network address 0x0000 (§4.6.1: a centralized network).</summary>
    private const ushort TrustCenterNetworkAddress = 0x0000;

    /// <summary>
    /// APS commands taken without APS security, when NWK security protected them: verify key (its hash is the proof,
    /// §4.4.10.7), and from the trust center the switch-key broadcast and the tunnel (its tunnelled frame is secured).
    /// </summary>
    private bool IsUnsecuredCommandAllowed(in NldeDataIndication indication, ApsCommandId id)
    {
        if (!indication.SecurityUse)
        {
            return false;
        }

        return id switch
        {
            ApsCommandId.VerifyKey => IsTrustCenter,
            ApsCommandId.SwitchKey or ApsCommandId.Tunnel => indication.SrcAddr == TrustCenterNetworkAddress && IsAuthenticated,
            _ => false,
        };
    }
}
