using System.Collections.Concurrent;
using System.Reflection;
using OpenLedger.Actors.Abstractions.Security;

namespace OpenLedger.Actors.Grains.Security;

/// <summary>Which grain methods are internal (<see cref="InternalGrainCallAttribute"/> on the method or its interface); cached per method.</summary>
public static class InternalGrainCalls
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> Cache = new();

    public static bool IsInternal(MethodInfo? method) =>
        method is not null && Cache.GetOrAdd(method, static m =>
            m.IsDefined(typeof(InternalGrainCallAttribute), inherit: false)
            || m.DeclaringType?.IsDefined(typeof(InternalGrainCallAttribute), inherit: false) == true);
}
