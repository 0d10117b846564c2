namespace ZigBee.Aps.Tables;

/// <summary>One apsGroupTable pair (§2.2.8.3): this endpoint is a member of this group.</summary>
public readonly record struct GroupMembership(ushort GroupAddress, byte Endpoint);
