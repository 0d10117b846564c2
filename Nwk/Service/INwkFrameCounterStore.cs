namespace ZigBee.Nwk.Service;

/// <summary>
/// Where the NWK outgoing frame counter survives a restart (§4.3.1.1: a counter value must never be used twice with
/// one key). The layer reserves counters in blocks ahead of use, so storage is written once per block, not per
/// frame: after a restart it resumes from the reserved value, skipping what the last block left unused.
/// </summary>
public interface INwkFrameCounterStore
{
    /// <summary>The value reserved last (0 when none was): every counter below it may have been sent.</summary>
    uint LoadReserved();

    /// <summary>
    /// Records that counters below <paramref name="reservedUpTo"/> may be used; called before the first of them is.
    /// Must be durable when it returns (a persistent store writes it through).
    /// </summary>
    void Reserve(uint reservedUpTo);
}
