namespace ZigBee.Stack.Scenarios;

/// <summary>
/// Accounts for application messages the way the simulate summary reports them: each intended receiver of each
/// message is one delivery owed; a first intact arrival at an owed receiver is delivered, a further one a duplicate,
/// and an arrival at a node the message was not for is misdelivered.
/// </summary>
public sealed class DeliveryLedger
{
    private readonly Dictionary<(uint Message, int Receiver), bool> _owed = new();

    public long Sent { get; private set; }

    public long Delivered { get; private set; }

    public long Duplicates { get; private set; }

    public long Misdelivered { get; private set; }

    /// <summary>Arrivals whose contents were not the bytes sent (counted apart; never as delivered).</summary>
    public long Corrupted { get; private set; }

    public double DeliveryRatio => Sent == 0 ? 1.0 : (double)Delivered / Sent;

    /// <summary>Whether <paramref name="receiver"/> is owed <paramref name="message"/>.</summary>
    public bool IsOwed(uint message, int receiver) => _owed.ContainsKey((message, receiver));

    public void Owe(uint message, int receiver)
    {
        if (_owed.TryAdd((message, receiver), false))
        {
            Sent++;
        }
    }

    /// <summary>Records that <paramref name="receiver"/> handed up <paramref name="message"/>.</summary>
    public void Arrived(uint message, int receiver, bool intact)
    {
        if (!intact)
        {
            Corrupted++;
            return;
        }

        if (!_owed.TryGetValue((message, receiver), out var arrived))
        {
            Misdelivered++;
            return;
        }

        if (arrived)
        {
            Duplicates++;
            return;
        }

        _owed[(message, receiver)] = true;
        Delivered++;
    }
}
