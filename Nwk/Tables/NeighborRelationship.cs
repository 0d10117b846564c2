namespace ZigBee.Nwk.Tables;

/// <summary>Relationship field of a neighbor table entry (§3.6.1.5, Table 3-63).</summary>
public enum NeighborRelationship : byte
{
    Parent = 0x00,
    Child = 0x01,
    Sibling = 0x02,
    None = 0x03,
    PreviousChild = 0x04,
    UnauthenticatedChild = 0x05,
}
