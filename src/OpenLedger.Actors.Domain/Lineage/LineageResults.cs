namespace OpenLedger.Actors.Domain.Lineage;

/// <summary>The answer to registering a model version, in precedence order.</summary>
public enum RegisterResult
{
    Ok = 0,
    /// <summary>The same version with the same manifest and artifact is registered already (a retry).</summary>
    Exists,
    ExistsWithDifferentContent,
    WrongFamily,
    TooManyVersions,
    /// <summary>Versions are numbered 1, 2, 3, … in registration order.</summary>
    VersionNotNext,
    /// <summary>Every version after the first names a registered parent; the first names none.</summary>
    UnknownParent,
    ManifestInvalid,
}

/// <summary>The answer to promoting a version to the family's current one, in precedence order.</summary>
public enum PromotionResult
{
    Promoted = 0,
    UnknownVersion,
    AlreadyCurrent,
    /// <summary>The two versions were measured on different held-out sets: not comparable.</summary>
    DifferentHeldOutSet,
    /// <summary>The candidate's held-out accuracy is below the current version's.</summary>
    NotBetter,
}
