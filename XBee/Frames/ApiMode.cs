namespace ZigBee.XBee.Frames;

/// <summary>The XBee's AP setting: how API frames are framed on the serial line.</summary>
public enum ApiMode : byte
{
    /// <summary>AP = 1: frames as they are; a 0x7E inside a frame is data.</summary>
    Unescaped = 1,

    /// <summary>AP = 2: 0x7E, 0x7D, 0x11 and 0x13 after the start delimiter are sent as 0x7D then the byte XOR 0x20.</summary>
    Escaped = 2,
}
