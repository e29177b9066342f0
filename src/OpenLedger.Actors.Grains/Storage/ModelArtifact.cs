using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>A trained model's parameters (standardiser and θ) as stored in the artifact store.</summary>
public static class ModelArtifact
{
    private const string Magic = "OLLR";

    public static byte[] Encode(LogisticRegressionModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, 1))
        {
            writer.Write(model.ClassCount);
            writer.Write(model.Lambda);
            ArtifactFormat.WriteDoubles(writer, model.Standardizer.Mean);
            ArtifactFormat.WriteDoubles(writer, model.Standardizer.Scale);
            ArtifactFormat.WriteDoubles(writer, model.Theta);
        }
        return stream.ToArray();
    }

    public static LogisticRegressionModel Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 1);
        var classCount = reader.ReadInt32();
        var lambda = reader.ReadDouble();
        var standardizer = new FeatureStandardizer(ArtifactFormat.ReadDoubles(reader), ArtifactFormat.ReadDoubles(reader));
        return new LogisticRegressionModel(standardizer, ArtifactFormat.ReadDoubles(reader), classCount, lambda);
    }
}
