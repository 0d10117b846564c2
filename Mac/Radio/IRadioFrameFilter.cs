namespace ZigBee.Mac.Radio;

/// <summary>
/// A radio that filters frames in hardware, as 802.15.4 transceivers do in their automatic modes (address recognition,
/// and acknowledgments taken only while one is awaited): what the filter refuses never reaches the MAC. The MAC keeps
/// the filter in step with its PIB and its transmit state; frames the filter passes are still filtered by the MAC.
/// </summary>
public interface IRadioFrameFilter
{
    /// <summary>Replaces the filter; it applies to frames received from now on.</summary>
    void SetFrameFilter(in RadioFrameFilter filter);
}
