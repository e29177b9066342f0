namespace OpenLedger.Actors.Domain.Lineage;

/// <summary>
/// A model's lineage: its versions in order and the current one that sessions following the family use. Rules:
/// versions are numbered from 1 in registration order, each after the first names a registered parent; the first version
/// registered is current; a later one becomes current only by <see cref="Promote"/>, and only if its held-out accuracy,
/// on the same held-out set, is not worse than the current version's (governed promotion). Sessions may instead pin a
/// version (<see cref="Resolve"/>). Pure: no storage, clock or grain calls.
/// <para>Size budget (grain state): at most <see cref="MaxVersions"/> versions of ≤ 2 KB each: ≤ 128 KB.</para>
/// </summary>
public sealed class ModelFamily
{
    public const int MaxVersions = 64;

    private readonly List<ModelVersion> _versions;

    private ModelFamily(string id, List<ModelVersion> versions, int currentVersion)
    {
        Id = id;
        _versions = versions;
        CurrentVersion = currentVersion;
    }

    public string Id { get; }
    public IReadOnlyList<ModelVersion> Versions => _versions;

    /// <summary>The version sessions following the family use; 0 before any is registered.</summary>
    public int CurrentVersion { get; private set; }

    public ModelVersion? Current => CurrentVersion == 0 ? null : _versions[CurrentVersion - 1];

    public static ModelFamily Create(string id) => new(id, [], 0);

    /// <summary>A family as stored.</summary>
    public static ModelFamily Restore(string id, IEnumerable<ModelVersion> versions, int currentVersion)
    {
        var list = versions.OrderBy(v => v.Version).ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Version != i + 1 || list[i].Family != id) throw new ArgumentException($"Stored version {list[i].Version} of '{list[i].Family}' is out of place.", nameof(versions));
        }
        if (currentVersion < 0 || currentVersion > list.Count || (list.Count > 0 && currentVersion == 0))
            throw new ArgumentOutOfRangeException(nameof(currentVersion), currentVersion, "The current version must be a registered one.");
        return new ModelFamily(id, list, currentVersion);
    }

    public ModelVersion? Find(int version) => version >= 1 && version <= _versions.Count ? _versions[version - 1] : null;

    /// <summary>The version a session uses: the pinned one, else the current one (null if unknown or none yet).</summary>
    public ModelVersion? Resolve(int? pinnedVersion) => pinnedVersion is { } pinned ? Find(pinned) : Current;

    public RegisterResult Register(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (Find(version.Version) is { } known)
            return known.Manifest.Layers.SequenceEqual(version.Manifest.Layers) && known.ArtifactKey == version.ArtifactKey && known.Parent == version.Parent
                ? RegisterResult.Exists
                : RegisterResult.ExistsWithDifferentContent;
        if (version.Family != Id) return RegisterResult.WrongFamily;
        if (_versions.Count >= MaxVersions) return RegisterResult.TooManyVersions;
        if (version.Version != _versions.Count + 1) return RegisterResult.VersionNotNext;
        if (_versions.Count == 0 ? version.Parent is not null : version.Parent is not { } parent || Find(parent) is null) return RegisterResult.UnknownParent;
        if (version.Manifest.Problems().Count > 0) return RegisterResult.ManifestInvalid;
        _versions.Add(version);
        if (CurrentVersion == 0) CurrentVersion = version.Version;
        return RegisterResult.Ok;
    }

    /// <summary>Makes <paramref name="version"/> current if its held-out accuracy is not worse than the current one's.</summary>
    public PromotionResult Promote(int version)
    {
        if (Find(version) is not { } candidate) return PromotionResult.UnknownVersion;
        if (version == CurrentVersion) return PromotionResult.AlreadyCurrent;
        var current = Current!;
        if (candidate.HeldOut.HeldOutSetKey != current.HeldOut.HeldOutSetKey) return PromotionResult.DifferentHeldOutSet;
        if (candidate.HeldOut.Accuracy < current.HeldOut.Accuracy) return PromotionResult.NotBetter;
        CurrentVersion = version;
        return PromotionResult.Promoted;
    }
}
