using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Mac;

namespace ZigBee.XBee.Emulator;

// Data frames: TX 64/16 (0x00/0x01) become MCPS-DATA, their confirm a TX status (0x89); MCPS-DATA.indication becomes
// RX 64/16 (0x80/0x81) with the RSSI the radio measured.
public sealed partial class Ieee802154Firmware
{
    protected override void HandleFrame(ReadOnlySpan<byte> frameData)
    {
        switch ((ApiFrameType)frameData[0])
        {
            case ApiFrameType.Tx16Request when Tx16RequestFrame.TryDecode(frameData, out var tx16):
                Transmit(tx16.FrameId, MacAddress.FromShort(tx16.Destination16), tx16.Options, tx16.Data);
                break;
            case ApiFrameType.Tx64Request when Tx64RequestFrame.TryDecode(frameData, out var tx64):
                // TX64 to 0x000000000000FFFF is the firmware's broadcast.
                var destination = tx64.Destination64 == XBeeAddress.Broadcast64
                    ? MacAddress.FromShort(MacAddress.BroadcastShort)
                    : MacAddress.FromExtended(tx64.Destination64);
                Transmit(tx64.FrameId, destination, tx64.Options, tx64.Data);
                break;
            default:
                // A frame of the ZigBee firmware, or a broken one: the 802.15.4 firmware ignores it.
                UnknownFrames++;
                break;
        }
    }

    private void Transmit(byte frameId, MacAddress destination, Tx154Options options, ReadOnlySpan<byte> data)
    {
        if (data.Length > Ieee802154Commands.MaxPayload)
        {
            // More than NP bytes do not fit one RF packet; the firmware sends nothing.
            OversizedFrames++;
            return;
        }

        var acknowledged = _settings.Acknowledged && (options & Tx154Options.DisableAck) == 0 && !destination.IsBroadcast;
        var request = new McpsDataRequest(
            _mac.Pib.MacShortAddress < MacAddress.NoShortAddress ? MacAddressingMode.Short : MacAddressingMode.Extended,
            (options & Tx154Options.BroadcastPanId) != 0 ? MacAddress.BroadcastPan : _mac.Pib.MacPanId,
            destination,
            data.ToArray(),
            frameId,
            acknowledged ? MacTxOptions.Acknowledged : MacTxOptions.None);
        Observe(ConfirmAsync(_mac.DataRequestAsync(request), frameId));
    }

    private async Task ConfirmAsync(ValueTask<McpsDataConfirm> pending, byte frameId)
    {
        var confirm = await pending;
        if (frameId == 0 || _disposed)
        {
            return;
        }

        SendFrame(new TxStatusFrame(frameId, ToTxStatus(confirm.Status)).Encode(_frame));
    }

    /// <summary>The 0x89 status of a MAC confirm; the firmware has four, so every other failure reads as no ACK.</summary>
    public static TxStatus ToTxStatus(MacStatus status) => status switch
    {
        MacStatus.Success => TxStatus.Success,
        MacStatus.ChannelAccessFailure => TxStatus.CcaFailure,
        MacStatus.TransactionExpired or MacStatus.TransactionOverflow => TxStatus.Purged,
        _ => TxStatus.NoAck,
    };

    private void OnDataIndication(in McpsDataIndication indication, ReadOnlySpan<byte> msdu)
    {
        if (_disposed)
        {
            return;
        }

        var rssi = RssiLinkQuality.RssiFromDbm(indication.Rssi);
        var options = (indication.DstAddr.IsBroadcast ? Rx154Options.AddressBroadcast : Rx154Options.None)
            | (indication.DstPanId == MacAddress.BroadcastPan ? Rx154Options.PanBroadcast : Rx154Options.None);
        switch (indication.SrcAddr.Mode)
        {
            case MacAddressingMode.Short:
                SendFrame(new Rx16Frame(indication.SrcAddr.Short, rssi, options, msdu).Encode(_frame));
                break;
            case MacAddressingMode.Extended:
                SendFrame(new Rx64Frame(indication.SrcAddr.Extended, rssi, options, msdu).Encode(_frame));
                break;
        }
    }
}
