using ZigBee.Nwk.Security;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Emulator;

// The host's other requests: remote AT (0x17 → 0x97), source routes (0x21), joining-device registration (0x24 → 0xA4).
public sealed partial class ZigBeeFirmware
{
    /// <summary>0xA4 status codes (ZigBee RF Modules guide, register joining device status).</summary>
    private const byte RegisterSuccess = 0x00;
    private const byte RegisterKeyTooLong = 0x01;
    private const byte RegisterInvalidAddress = 0xB3;
    private const byte RegisterKeyTableFull = 0xB4;
    private const byte RegisterInvalidSecurityData = 0xBD;

    /// <summary>
    /// 0x17: the command goes to the device's Digi device object (endpoint 0xE6); our simulated devices are no
    /// XBees and never answer, so after the attempt the host gets 0x97 with "transmission failure", as from the firmware.
    /// </summary>
    protected override void HandleRemoteAtCommand(in RemoteAtCommandFrame frame)
    {
        var request = new byte[4 + frame.Parameter.Length];
        request[0] = frame.FrameId;
        request[1] = (byte)frame.Options;
        request[2] = (byte)frame.Command.ToString()[0];
        request[3] = (byte)frame.Command.ToString()[1];
        frame.Parameter.CopyTo(request.AsSpan(4));
        Observe(RemoteAtAsync(frame.FrameId, frame.Destination64, frame.Destination16, frame.Command, request));
    }

    private async Task RemoteAtAsync(byte frameId, ulong destination64, ushort destination16, AtCommandName command, byte[] request)
    {
        await DeliverAsync(destination64, destination16, Digi.DeviceObjectEndpoint, Digi.DeviceObjectEndpoint, Digi.RemoteCommandCluster, Digi.Profile, 0,
            TransmitOptions.None, request);
        if (frameId != 0)
        {
            SendToHost(new RemoteAtCommandResponseFrame(frameId, destination64, destination16, command, AtCommandStatus.TxFailure, default));
        }
    }

    /// <summary>0x21: the host's source route to a device, relay 1 being the destination's neighbour, as our route record table keeps it.</summary>
    private void CreateSourceRoute(in CreateSourceRouteFrame frame)
    {
        if (!Nwk.IsJoined || frame.Destination16 >= XBeeAddress.Unknown16)
        {
            return;
        }

        Span<ushort> relays = stackalloc ushort[frame.Addresses.Count];
        for (var i = 0; i < relays.Length; i++)
        {
            relays[i] = frame.Addresses[i];
        }

        Nwk.Nib.RouteRecordTable.Set(frame.Destination16, relays, Scheduler.Time.GetUtcNow());
    }

    /// <summary>0x24: a device's link key or install code for the trust center; the device is admitted under it → 0xA4.</summary>
    private void RegisterJoiningDevice(in RegisterJoiningDeviceFrame frame)
    {
        var status = Register(frame);
        if (frame.FrameId != 0)
        {
            var length = new RegisterJoiningDeviceStatusFrame(frame.FrameId, status).Encode(_out);
            SendToHost(_out.AsSpan(0, length));
        }
    }

    private byte Register(in RegisterJoiningDeviceFrame frame)
    {
        if (frame.Destination64 is 0 or XBeeAddress.Broadcast64 or XBeeAddress.Unknown64)
        {
            return RegisterInvalidAddress;
        }

        ZigBeeKey key;
        if ((frame.Options & 0x01) != 0)
        {
            // Option bit 0: the key is an install code with its CRC; the link key is derived from it (§4.6.3.4).
            if (!InstallCode.TryDeriveLinkKey(frame.Key, out key))
            {
                return RegisterInvalidSecurityData;
            }
        }
        else if (frame.Key.Length > ZigBeeKey.Length)
        {
            return RegisterKeyTooLong;
        }
        else
        {
            Span<byte> bytes = stackalloc byte[ZigBeeKey.Length];
            frame.Key.CopyTo(bytes[(ZigBeeKey.Length - frame.Key.Length)..]);
            key = ZigBeeKey.Read(bytes);
        }

        return Aps.KeyPairs.Set(frame.Destination64, key) ? RegisterSuccess : RegisterKeyTableFull;
    }
}
