using ZigBee.Aps.Tables;
using ZigBee.Nwk.Service.Primitives;

namespace ZigBee.Aps.Service;

// APSME binding and group management (§2.2.4.3, §2.2.4.5).
public sealed partial class ApsService
{
    /// <summary>
    /// APSME-BIND.request (§2.2.4.3.1): adds a binding from one of this device's endpoints. IllegalRequest when the
    /// source is not this device or the device has not joined, IllegalRequest for parameters out of range, TableFull.
    /// </summary>
    public ApsStatus Bind(in BindingEntry entry)
    {
        if (!_nwk.IsJoined || entry.SrcAddress != _nwk.ExtendedAddress)
        {
            return ApsStatus.IllegalRequest;
        }

        return Bindings.Bind(entry);
    }

    /// <summary>APSME-UNBIND.request (§2.2.4.3.3): InvalidBinding when the entry is not in the table.</summary>
    public ApsStatus Unbind(in BindingEntry entry)
    {
        if (!_nwk.IsJoined || entry.SrcAddress != _nwk.ExtendedAddress)
        {
            return ApsStatus.IllegalRequest;
        }

        return Bindings.Unbind(entry);
    }

    /// <summary>APSME-ADD-GROUP.request (§2.2.4.5.1): InvalidParameter unless the endpoint is an active application endpoint; TableFull.</summary>
    public ApsStatus AddGroup(ushort groupAddress, byte endpoint)
    {
        if (endpoint is 0 or > 0xF0 || !_activeEndpoints[endpoint])
        {
            return ApsStatus.InvalidParameter;
        }

        return Groups.Add(groupAddress, endpoint);
    }

    /// <summary>APSME-REMOVE-GROUP.request (§2.2.4.5.3): InvalidGroup when the endpoint is not in that group.</summary>
    public ApsStatus RemoveGroup(ushort groupAddress, byte endpoint) => Groups.Remove(groupAddress, endpoint);

    /// <summary>APSME-REMOVE-ALL-GROUPS.request (§2.2.4.5.5).</summary>
    public ApsStatus RemoveAllGroups(byte endpoint) => Groups.RemoveAll(endpoint);

    /// <summary>
    /// A device left for good (no rejoin): bindings to it can no longer be served, so they go, and a request through
    /// them ends with NoBoundDevice rather than waiting out retries. When this device itself left, every binding and
    /// group stays for the network it joins next (the application decides).
    /// </summary>
    private void OnNwkLeaveIndication(in NlmeLeaveIndication indication)
    {
        if (indication.Rejoin || indication.DeviceAddress == 0 || indication.DeviceAddress == _nwk.ExtendedAddress)
        {
            return;
        }

        Bindings.RemoveDestination(indication.DeviceAddress);
    }
}
