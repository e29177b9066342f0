using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Domain.Transparency;

namespace OpenLedger.Actors.Grains.Transparency;

/// <summary>The silo's tree-head key (<see cref="TransparencyOptions.SigningKeyFile"/>, or an ephemeral one with a warning).</summary>
public sealed class TreeHeadSigner : IDisposable
{
    public TreeHeadSigner(IOptions<TransparencyOptions> options, ILogger<TreeHeadSigner> logger)
    {
        if (options.Value.SigningKeyFile is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"OpenLedger:Transparency:SigningKeyFile names {file}, which does not exist.", file);
            Key = TreeHeadKey.FromPrivateKeyPem(File.ReadAllText(file));
        }
        else
        {
            Key = TreeHeadKey.Create();
            logger.LogWarning("Transparency log: no OpenLedger:Transparency:SigningKeyFile; tree heads are signed with an ephemeral key {KeyId} that ends with this process", Key.KeyId);
        }
    }

    public TreeHeadKey Key { get; }

    public void Dispose() => Key.Dispose();
}
