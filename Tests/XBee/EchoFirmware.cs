using System.Buffers.Binary;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;

namespace ZigBee.Tests.XBee;

/// <summary>
/// The smallest firmware for link tests: MY read and set, CH read; a data frame (TX16) is answered with a TX status
/// and echoed back as RX16 carrying the same bytes.
/// </summary>
internal sealed class EchoFirmware(SimulationScheduler scheduler, ulong extendedAddress = 0x0013A200_40A1B2C3) : XBeeFirmware(scheduler, extendedAddress)
{
    private readonly byte[] _frame = new byte[300];

    public ushort ShortAddress { get; private set; } = 0x1234;

    public int Applied { get; private set; }

    public int PowerOns { get; private set; }

    public override ushort FirmwareVersion => 0x10EF;

    public override ushort HardwareVersion => 0x1742;

    public override void PowerOn()
    {
        PowerOns++;
        SendModemStatus(ModemStatus.HardwareReset);
    }

    protected override AtCommandStatus ExecuteAtCommand(AtCommandName command, ReadOnlySpan<byte> parameter, Span<byte> value, out int valueLength)
    {
        valueLength = 0;
        if (command == AtCommandName.MY)
        {
            if (parameter.IsEmpty)
            {
                BinaryPrimitives.WriteUInt16BigEndian(value, ShortAddress);
                valueLength = 2;
                return AtCommandStatus.Ok;
            }

            if (parameter.Length > 2)
            {
                return AtCommandStatus.InvalidParameter;
            }

            ShortAddress = parameter.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(parameter) : parameter[0];
            return AtCommandStatus.Ok;
        }

        if (command == AtCommandName.CH && parameter.IsEmpty)
        {
            value[0] = 0x0F;
            valueLength = 1;
            return AtCommandStatus.Ok;
        }

        return AtCommandStatus.InvalidCommand;
    }

    protected override void ApplyChanges() => Applied++;

    protected override void Reset()
    {
    }

    protected override void HandleFrame(ReadOnlySpan<byte> frameData)
    {
        if (!Tx16RequestFrame.TryDecode(frameData, out var tx))
        {
            UnknownFrames++;
            return;
        }

        if (tx.FrameId != 0)
        {
            SendToHost(_frame.AsSpan(0, new TxStatusFrame(tx.FrameId, TxStatus.Success).Encode(_frame)));
        }

        SendToHost(_frame.AsSpan(0, new Rx16Frame(tx.Destination16, 40, Rx154Options.None, tx.Data).Encode(_frame)));
    }
}
