using System.Buffers.Binary;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Mac;

namespace ZigBee.XBee.Emulator;

// The 802.15.4 firmware's own AT commands (90000982 and 90001500, "AT commands"); the base answers AP, VR, HV, SH, SL,
// NI, AC, WR and FR.
public sealed partial class Ieee802154Firmware
{
    protected override AtCommandStatus ExecuteAtCommand(AtCommandName command, ReadOnlySpan<byte> parameter, Span<byte> value, out int valueLength)
    {
        valueLength = 0;
        var s = _settings;
        if (command == AtCommandName.CH)
        {
            return Number(parameter, value, ref valueLength, s.Channel, 1, 0x0B, 0x1A, v => _settings = _settings with { Channel = (byte)v });
        }

        if (command == AtCommandName.ID)
        {
            return Number(parameter, value, ref valueLength, s.PanId, 2, 0, 0xFFFF, v => _settings = _settings with { PanId = (ushort)v });
        }

        if (command == AtCommandName.MY)
        {
            return Number(parameter, value, ref valueLength, s.ShortAddress, 2, 0, 0xFFFF, v => _settings = _settings with { ShortAddress = (ushort)v });
        }

        if (command == AtCommandName.CE)
        {
            return Number(parameter, value, ref valueLength, s.CoordinatorEnable ? 1UL : 0, 1, 0, 1, v => _settings = _settings with { CoordinatorEnable = v == 1 });
        }

        if (command == AtCommandName.A1)
        {
            return Number(parameter, value, ref valueLength, s.EndDeviceAssociation, 1, 0, 0x0F, v => _settings = _settings with { EndDeviceAssociation = (byte)v });
        }

        if (command == AtCommandName.A2)
        {
            return Number(parameter, value, ref valueLength, s.CoordinatorAssociation, 1, 0, 0x07, v => _settings = _settings with { CoordinatorAssociation = (byte)v });
        }

        if (command == AtCommandName.MM)
        {
            return Number(parameter, value, ref valueLength, s.MacMode, 1, 0, 3, v => _settings = _settings with { MacMode = (byte)v });
        }

        if (command == AtCommandName.SC)
        {
            return Number(parameter, value, ref valueLength, s.ScanChannels, 2, 1, 0xFFFF, v => _settings = _settings with { ScanChannels = (ushort)v });
        }

        if (command == Ieee802154Commands.SD)
        {
            return Number(parameter, value, ref valueLength, s.ScanDuration, 1, 0, 0x0F, v => _settings = _settings with { ScanDuration = (byte)v });
        }

        if (command == Ieee802154Commands.RR)
        {
            return Number(parameter, value, ref valueLength, s.Retries, 1, 0, 6, v => _settings = _settings with { Retries = (byte)v });
        }

        if (command == Ieee802154Commands.SM)
        {
            // 0 no sleep; 1, 2 pin sleep; 4, 5 cyclic sleep; 6 sleep coordinator (3 is reserved).
            if (parameter.Length == 1 && parameter[0] == 3)
            {
                return AtCommandStatus.InvalidParameter;
            }

            return Number(parameter, value, ref valueLength, s.SleepMode, 1, 0, 6, v => _settings = _settings with { SleepMode = (byte)v });
        }

        if (command == AtCommandName.AI || command == AtCommandName.NP)
        {
            if (!parameter.IsEmpty)
            {
                return AtCommandStatus.InvalidParameter;
            }

            if (command == AtCommandName.AI)
            {
                value[0] = (byte)AssociationIndication;
                valueLength = 1;
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(value, Ieee802154Commands.MaxPayload);
                valueLength = 2;
            }

            return AtCommandStatus.Ok;
        }

        if (command == Ieee802154Commands.DA || command == Ieee802154Commands.FP)
        {
            if (!parameter.IsEmpty)
            {
                return AtCommandStatus.InvalidParameter;
            }

            // Answered at once; the disassociation or poll follows once the response is out.
            var generation = _generation;
            if (command == Ieee802154Commands.DA)
            {
                Scheduler.Post(() => Observe(DisassociateAsync(generation)));
            }
            else
            {
                Scheduler.Post(() => Observe(PollAsync(generation)));
            }

            return AtCommandStatus.Ok;
        }

        if (command == AtCommandName.AS || command == AtCommandName.ED)
        {
            // Scans answer when they end: in API mode through BeginDeferredAtCommand. Command mode is not emulated for them.
            return AtCommandStatus.Error;
        }

        return AtCommandStatus.InvalidCommand;
    }

    /// <summary>A numeric parameter: read (big-endian, <paramref name="size"/> bytes) or set within its range.</summary>
    private AtCommandStatus Number(ReadOnlySpan<byte> parameter, Span<byte> value, ref int valueLength, ulong current, int size, ulong min, ulong max, Action<ulong> set)
    {
        var status = NumericSetting(parameter, size, current, set, value, out valueLength, min, max);
        if (status == AtCommandStatus.Ok && !parameter.IsEmpty)
        {
            PostApply();
        }

        return status;
    }
}
