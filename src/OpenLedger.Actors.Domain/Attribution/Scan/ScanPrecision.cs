namespace OpenLedger.Actors.Domain.Attribution.Scan;

/// <summary>How <see cref="ScanMatrix"/> stores the design values (see its remarks for the error bound of half).</summary>
public enum ScanPrecision
{
    /// <summary>IEEE single precision, 4 bytes per value.</summary>
    Single,

    /// <summary>IEEE half precision, 2 bytes per value: half the memory and memory traffic, 2⁻¹¹ relative rounding.</summary>
    Half,
}
