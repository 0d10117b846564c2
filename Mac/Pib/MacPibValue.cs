namespace ZigBee.Mac.Pib;

/// <summary>
/// The value of a PIB attribute in MLME-GET/SET: an integer (booleans are 0/1, addresses are numbers) or, for
/// macBeaconPayload, a byte string.
/// </summary>
public readonly record struct MacPibValue(ulong Integer, ReadOnlyMemory<byte> Bytes)
{
    public bool Boolean => Integer != 0;

    public static MacPibValue FromInteger(ulong value) => new(value, ReadOnlyMemory<byte>.Empty);

    public static MacPibValue FromBoolean(bool value) => new(value ? 1UL : 0UL, ReadOnlyMemory<byte>.Empty);

    public static MacPibValue FromBytes(ReadOnlyMemory<byte> value) => new((ulong)value.Length, value);

    public static implicit operator MacPibValue(ulong value) => FromInteger(value);

    public static implicit operator MacPibValue(bool value) => FromBoolean(value);
}
