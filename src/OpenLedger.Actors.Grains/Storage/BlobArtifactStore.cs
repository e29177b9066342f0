using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// Artifacts as block blobs named by their key in one container (Azure Blob storage or Azurite). Uploads
/// use If-None-Match: * so an existing artifact is never rewritten; reads verify the content hash.
/// </summary>
public sealed class BlobArtifactStore(BlobContainerClient container) : IArtifactStore
{
    private readonly Lazy<Task> _ensureContainer = new(() => container.CreateIfNotExistsAsync());

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await _ensureContainer.Value.ConfigureAwait(false);
        var key = ArtifactKey.Of(content.Span);
        var blob = container.GetBlobClient(key);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Already stored: the same key means the same bytes.
        }
        return key;
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await _ensureContainer.Value.ConfigureAwait(false);
        try
        {
            var result = await container.GetBlobClient(key).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var bytes = result.Value.Content.ToArray();
            ArtifactKey.Verify(key, bytes);
            return bytes;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new ArtifactNotFoundException(key);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await _ensureContainer.Value.ConfigureAwait(false);
        await container.GetBlobClient(key).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
