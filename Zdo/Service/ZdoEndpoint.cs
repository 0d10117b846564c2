using ZigBee.Zdo.Frames;

namespace ZigBee.Zdo.Service;

/// <summary>An application endpoint (1–240) as its simple descriptor describes it (R22 §2.3.2.5).</summary>
public sealed record ZdoEndpoint(byte Endpoint, ushort ProfileId, ushort DeviceId, byte DeviceVersion, IReadOnlyList<ushort> InputClusters, IReadOnlyList<ushort> OutputClusters)
{
    /// <summary>Copies a decoded simple descriptor (a view over a received frame) into an endpoint that can be kept.</summary>
    public static ZdoEndpoint From(in SimpleDescriptor descriptor)
    {
        var input = new ushort[descriptor.InputClusters.Count];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = descriptor.InputClusters[i];
        }

        var output = new ushort[descriptor.OutputClusters.Count];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = descriptor.OutputClusters[i];
        }

        return new(descriptor.Endpoint, descriptor.ProfileId, descriptor.DeviceId, descriptor.DeviceVersion, input, output);
    }

    /// <summary>Match_Desc's rule (R22 §2.4.4.2.7): same profile (or the wildcard 0xFFFF) and a requested input cluster among the inputs or an output among the outputs.</summary>
    public bool Matches(ushort profileId, ReadOnlySpan<ushort> inputClusters, ReadOnlySpan<ushort> outputClusters)
    {
        if (profileId != ProfileId && profileId != 0xFFFF)
        {
            return false;
        }

        foreach (var cluster in inputClusters)
        {
            if (Contains(InputClusters, cluster))
            {
                return true;
            }
        }

        foreach (var cluster in outputClusters)
        {
            if (Contains(OutputClusters, cluster))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<ushort> list, ushort value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return true;
            }
        }

        return false;
    }
}
