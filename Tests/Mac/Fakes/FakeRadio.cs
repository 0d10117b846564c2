using ZigBee.Mac.Radio;

namespace ZigBee.Tests.Mac.Fakes;

/// <summary>A radio on <see cref="FakeAir"/>: transmits for the PHY's airtime, hears its channel while enabled.</summary>
public sealed class FakeRadio : IRadio
{
    private readonly FakeAir _air;
    private IRadioHandler? _handler;

    internal FakeRadio(FakeAir air, ulong extendedAddress, byte channel)
    {
        _air = air;
        ExtendedAddress = extendedAddress;
        Channel = channel;
    }

    public ulong ExtendedAddress { get; }

    public byte Channel { get; private set; }

    public bool ReceiverEnabled
    {
        get;
        set
        {
            if (field != value)
            {
                field = value;
                ReceiverLog.Add((_air.Scheduler.Now, value));
            }
        }
    }

    /// <summary>Every switch of the receiver, with its instant.</summary>
    public List<(TimeSpan At, bool On)> ReceiverLog { get; } = [];

    public bool IsTransmitting { get; private set; }

    public byte Lqi { get; set; } = 200;

    public void SetChannel(byte channel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channel, Phy24GHz.FirstChannel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, Phy24GHz.LastChannel);
        Channel = channel;
    }

    public bool ClearChannelAssessment() => !_air.IsBusy(Channel, this);

    public byte EnergyDetect() => _air.EnergyOf(Channel);

    public void Transmit(ReadOnlySpan<byte> psdu)
    {
        if (IsTransmitting)
        {
            throw new InvalidOperationException("the radio is already transmitting");
        }

        IsTransmitting = true;
        _air.Start(this, psdu.ToArray());
    }

    public void SetHandler(IRadioHandler? handler) => _handler = handler;

    internal void CompleteTransmission()
    {
        IsTransmitting = false;
        _handler?.OnTransmitComplete();
    }

    internal void Deliver(byte[] psdu) => _handler?.OnReceive(psdu, new RadioReceiveInfo(Lqi, -50));
}
