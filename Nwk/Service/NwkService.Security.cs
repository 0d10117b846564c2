using System.Buffers.Binary;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Security;

namespace ZigBee.Nwk.Service;

// NWK frame security (§4.3.1): frames are built in the clear and secured when handed to the MAC, each transmission
// with the next outgoing frame counter, so a device's counters go out in increasing order (a receiver refuses a
// lower one as a replay) even while broadcasts wait for their jitter, and a relay re-secures a frame with its own
// address and counter (hop by hop). Incoming frames are checked (key, freshness, MIC) and decrypted into a scratch
// buffer laid out as the same frame sent in the clear, so everything above reads plaintext.
public sealed partial class NwkService
{
    /// <summary>Auxiliary header as sent: security control, frame counter, extended nonce (source IEEE), key sequence number.</summary>
    private const int AuxiliaryHeaderLength = 1 + 4 + 8 + 1;

    /// <summary>Bytes NWK security adds to a frame: the auxiliary header and the 4-byte MIC.</summary>
    public const int SecurityOverhead = AuxiliaryHeaderLength + NwkAuxiliarySecurityHeader.MicLength;

    private readonly INwkFrameCounterStore _frameCounterStore;
    private uint _frameCounterReservedUpTo;
    /// <summary>Plaintext of the frames being handled, one per nesting level of receptions (one, save with a MAC that indicates from inside a send).</summary>
    private byte[][] _plainScratch = [new byte[NwkTxOperation.MaxFrameLength]];
    private int _plainDepth;

    /// <summary>Whether the frame being handled arrived secured (SecurityUse of NLDE-DATA.indication, and how to answer a rejoin).</summary>
    private bool _incomingSecured;

    /// <summary>True while this device secures what it sends: it holds a network key and nwkSecurityLevel is not 0.</summary>
    public bool IsSecuring => Nib.SecurityLevel != 0 && Nib.SecurityMaterialSet.Active is not null;

    /// <summary>
    /// Installs <paramref name="key"/> as the active network key with <paramref name="keySeqNumber"/>: a preconfigured
    /// key, or the one the trust center transports (APSME-TRANSPORT-KEY) to a device that holds none yet. From now on
    /// every frame goes out secured. A key already active with another sequence number stays for receiving only.
    /// </summary>
    public void InstallNetworkKey(ZigBeeKey key, byte keySeqNumber) => Nib.SecurityMaterialSet.InstallActive(key, keySeqNumber);

    /// <summary>
    /// Holds <paramref name="key"/> as the alternate network key (a transported key while one is active); the device
    /// switches to it on <see cref="SwitchNetworkKey"/> or on the first frame it receives secured with it (§4.3.1.2).
    /// </summary>
    public void SetAlternateNetworkKey(ZigBeeKey key, byte keySeqNumber) => Nib.SecurityMaterialSet.SetAlternate(key, keySeqNumber);

    /// <summary>
    /// Makes the alternate key with <paramref name="keySeqNumber"/> the active one (APSME-SWITCH-KEY); false when no
    /// such key is held. The key it replaces is still accepted on receive, from devices that have not switched yet.
    /// </summary>
    public bool SwitchNetworkKey(byte keySeqNumber)
    {
        if (!Nib.SecurityMaterialSet.Switch(keySeqNumber))
        {
            return false;
        }

        Counters.KeySwitches++;
        return true;
    }

    /// <summary>The counter for the next secured frame; false when the counter space is used up (§4.3.1.1: 0xFFFFFFFF is never sent).</summary>
    private bool TryTakeFrameCounter(out uint counter)
    {
        counter = Nib.OutgoingFrameCounter;
        if (counter == uint.MaxValue)
        {
            return false;
        }

        if (counter >= _frameCounterReservedUpTo)
        {
            // Reserved before use: a restart resumes at the reservation, past every counter this one could send.
            var block = Math.Max(1u, Options.FrameCounterBlock);
            _frameCounterReservedUpTo = counter > uint.MaxValue - block ? uint.MaxValue : counter + block;
            _frameCounterStore.Reserve(_frameCounterReservedUpTo);
        }

        Nib.OutgoingFrameCounter = counter + 1;
        return true;
    }

    /// <summary>
    /// The bytes to hand the MAC for a frame built in the clear in <c>plain[..length]</c> whose NWK header ends at
    /// <paramref name="headerLength"/>: the frame itself when it goes in the clear, else it secured into
    /// <paramref name="wire"/>. Empty when it cannot be secured (counted).
    /// </summary>
    private ReadOnlyMemory<byte> SecureOutgoing(byte[] plain, int headerLength, int length, bool inTheClear, byte[] wire)
    {
        if (inTheClear || !IsSecuring)
        {
            return plain.AsMemory(0, length);
        }

        var payloadLength = length - headerLength;
        var total = length + SecurityOverhead;
        if (headerLength < NwkHeader.FixedLength || payloadLength < 0 || total > MaxMacPayload || !TryTakeFrameCounter(out var counter))
        {
            Counters.DroppedSecuringFailed++;
            return ReadOnlyMemory<byte>.Empty;
        }

        var active = Nib.SecurityMaterialSet.Active!;
        var span = wire.AsSpan();
        plain.AsSpan(headerLength, payloadLength).CopyTo(span[(headerLength + AuxiliaryHeaderLength)..]);
        plain.AsSpan(0, headerLength).CopyTo(span);
        var frameControl = BinaryPrimitives.ReadUInt16LittleEndian(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(frameControl | SecurityFrameControlBit));
        // Level 0 on air, key identifier network key, extended nonce with our IEEE address (§4.3.1.1).
        var aux = NwkAuxiliarySecurityHeader.NetworkKey(counter, Nib.IeeeAddress, active.KeySeqNumber);
        aux.Write(span[headerLength..]);
        var secured = NwkFrameSecurity.Secure(span, headerLength, headerLength + AuxiliaryHeaderLength, length + AuxiliaryHeaderLength, active.Cipher);
        // Every neighbour that hears it would check it: they find its plaintext here instead (see UnsecuredFrameMemo).
        UnsecuredFrameMemo.Current.Secured(span[..secured], aux, active.Cipher.Key, plain.AsSpan(headerLength, payloadLength));
        Counters.FramesSecured++;
        return wire.AsMemory(0, secured);
    }

    // The network keys held, mirrored from the NIB's security material set whenever it changes: every frame received
    // looks its key up, and these fields sit in this object, which it touches anyway.
    private NwkSecurityMaterialDescriptor? _activeKey;
    private NwkSecurityMaterialDescriptor? _alternateKey;
    private int _activeKeySeq = -1;
    private int _alternateKeySeq = -1;

    private void OnNetworkKeysChanged()
    {
        var set = Nib.SecurityMaterialSet;
        _activeKey = set.Active;
        _alternateKey = set.Alternate;
        _activeKeySeq = set.Active?.KeySeqNumber ?? -1;
        _alternateKeySeq = set.Alternate?.KeySeqNumber ?? -1;
    }

    /// <summary>As <see cref="NwkSecurityMaterialSet.Find"/>, from the mirrored keys.</summary>
    private NwkSecurityMaterialDescriptor? FindNetworkKey(byte keySeqNumber) =>
        keySeqNumber == _activeKeySeq ? _activeKey : keySeqNumber == _alternateKeySeq ? _alternateKey : null;

    /// <summary>The security sub-field of the NWK frame control (bit 9).</summary>
    private const ushort SecurityFrameControlBit = 0x0200;

    /// <summary>
    /// Checks an incoming frame (§4.3.1.2) and hands it out as the frame sent in the clear would be (security bit
    /// cleared, auxiliary header and MIC gone, payload decrypted), re-decoded into <paramref name="frame"/>. False
    /// when refused; the reason is counted here.
    /// </summary>
    private bool UnsecureIncoming(ReadOnlySpan<byte> msdu, ref NwkFrame frame, int depth, out ReadOnlySpan<byte> plaintext)
    {
        plaintext = msdu;
        var header = frame.Header;
        if (header.Security is not { } aux)
        {
            _incomingSecured = false;
            if (!IsSecuring || IsUnsecuredAllowed(msdu, frame))
            {
                return true;
            }

            Counters.RefusedUnauthorised++;
            return Refused();
        }

        _incomingSecured = true;
        var material = Nib.SecurityLevel == 0 || aux.KeyIdentifier != NwkKeyIdentifier.NetworkKey ? null : FindNetworkKey(aux.KeySequenceNumber);
        // Without the extended nonce the nonce takes the NWK source IEEE address (the CCM* code does the same).
        var sender = aux.ExtendedNonce ? aux.SourceAddress : header.SourceIeeeAddress ?? 0;
        if (material is null || sender == 0)
        {
            Counters.RefusedUnauthorised++;
            return Refused();
        }

        var counters = material.IncomingFrameCounterSet;
        if (aux.FrameCounter == uint.MaxValue || !counters.IsFresh(sender, aux.FrameCounter))
        {
            Counters.RefusedReplay++;
            return Refused();
        }

        if (Nib.AllFresh && !counters.HasRoomFor(sender))
        {
            Counters.RefusedNoCounterRoom++;
            return Refused();
        }

        var auxOffset = frame.SecurityHeaderOffset;
        if (depth == _plainScratch.Length)
        {
            Array.Resize(ref _plainScratch, _plainScratch.Length + 1);
            _plainScratch[^1] = new byte[NwkTxOperation.MaxFrameLength];
        }

        var buffer = _plainScratch[depth];
        if (!UnsecuredFrameMemo.Current.TryUnsecure(msdu, frame, material.Cipher, buffer.AsSpan(auxOffset), out var plainLength))
        {
            Counters.RefusedMic++;
            return Refused();
        }

        counters.Update(sender, aux.FrameCounter);
        Counters.FramesUnsecured++;
        if (material != _activeKey && Nib.SecurityMaterialSet.AlternatePending)
        {
            // A frame under the alternate key: the network has switched, so does this device (§4.3.1.2).
            SwitchNetworkKey(material.KeySeqNumber);
        }

        msdu[..auxOffset].CopyTo(buffer);
        var frameControl = BinaryPrimitives.ReadUInt16LittleEndian(buffer);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)(frameControl & ~SecurityFrameControlBit));
        plaintext = buffer.AsSpan(0, auxOffset + plainLength);

        // The header decoded from the secured bytes is the plaintext frame's, less the security bit and auxiliary
        // header (every field before those is unchanged); so only what a fresh decode would add is checked here.
        if (header.FrameType == NwkFrameType.Command && plainLength == 0)
        {
            Counters.DroppedDecodeError++;
            return false;
        }

        var clearControl = new NwkFrameControl((ushort)(header.FrameControl.Value & ~SecurityFrameControlBit));
        frame = new NwkFrame(header with { FrameControl = clearControl, Security = null }, auxOffset, plainLength);
        return true;
    }

    private bool Refused()
    {
        Counters.DroppedSecurity++;
        return false;
    }

    /// <summary>
    /// The unsecured frames a device holding a key still takes (§4.3.1.2, §3.6.1.4.2): a rejoin request (a device
    /// rejoining without the current key, which the trust center then sends it) at a router, a rejoin response while
    /// rejoining, and, with nwkSecureAllFrames FALSE, data frames.
    /// </summary>
    private bool IsUnsecuredAllowed(ReadOnlySpan<byte> msdu, in NwkFrame frame)
    {
        if (frame.Header.FrameType == NwkFrameType.Data)
        {
            return !Nib.SecureAllFrames;
        }

        return frame.CommandId(msdu) switch
        {
            NwkCommandId.RejoinRequest => _routerStarted && !IsEndDevice,
            NwkCommandId.RejoinResponse => _rejoinWait is not null,
            _ => false,
        };
    }
}
