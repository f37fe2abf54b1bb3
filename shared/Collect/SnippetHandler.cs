using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Collect;

/// <summary>
/// <c>GET /api/{prefix}/s.js</c>, <c>shopify.js</c> and, when enabled, the demo shop page <c>demo</c>. A request for
/// the current version (<c>?v={content hash}</c>) is cacheable for a year and immutable; any other for five minutes,
/// so a new deployment reaches unversioned tags soon. ETag revalidation answers 304.
/// </summary>
public sealed class SnippetHandler
{
    public const string SnippetFile = "s.js";
    public const string ShopifyFile = "shopify.js";
    public const string DemoFile = "demo";

    private readonly CollectorOptions _options;
    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public SnippetHandler(CollectorOptions options)
    {
        _options = options;
        foreach (var (file, resource) in new[] { (SnippetFile, SnippetResources.Snippet), (ShopifyFile, SnippetResources.Shopify) })
        {
            if (SnippetResources.Read(resource) is { } bytes) _assets[file] = Asset.Create(bytes, "text/javascript; charset=utf-8");
        }
        Version = _assets.TryGetValue(SnippetFile, out var snippet) ? snippet.Version : "0";
        if (options.DemoPage && SnippetResources.ReadDemoPage() is { } page)
        {
            // The page ships pointing at the default prefix and version 1; serve it pointing at this collector.
            var html = Encoding.UTF8.GetString(page)
                .Replace("/api/s/s.js?v=1", SnippetPath, StringComparison.Ordinal)
                .Replace("'/api/s'", $"'{Endpoint}'", StringComparison.Ordinal);
            _assets[DemoFile] = Asset.Create(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
        }
    }

    /// <summary>The content hash of <c>s.js</c>, the <c>v</c> of its versioned URL.</summary>
    public string Version { get; }

    /// <summary>The endpoint the snippet's <c>init</c> takes: <c>/api/{prefix}</c>.</summary>
    public string Endpoint => $"/api/{_options.RoutePrefix}";

    /// <summary>The current versioned snippet URL (path only): put it in the shop's script tag.</summary>
    public string SnippetPath => $"{Endpoint}/s.js?v={Version}";

    public string ShopifyPath => $"{Endpoint}/shopify.js?v={(_assets.TryGetValue(ShopifyFile, out var a) ? a.Version : "0")}";

    /// <summary>The demo shop page's path, or null when <see cref="CollectorOptions.DemoPage"/> is off.</summary>
    public string? DemoPath => _assets.ContainsKey(DemoFile) ? $"{Endpoint}/{DemoFile}" : null;

    public Http.ApiResult Handle(HttpRequest request, string prefix, string file)
    {
        if (!_options.IsPrefix(prefix) || !_assets.TryGetValue(file, out var asset))
            return Http.ApiResult.Status(StatusCodes.Status404NotFound);

        var notModified = request.Headers.IfNoneMatch
            .Any(v => v is not null && v.Split(',').Any(t => t.Trim() == asset.ETag || t.Trim() == "*"));
        var gzip = request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
        var result = notModified
            ? Http.ApiResult.Status(StatusCodes.Status304NotModified)
            : new Http.ApiResult { StatusCode = StatusCodes.Status200OK, ContentType = asset.ContentType, BodyBytes = gzip ? asset.Gzipped : asset.Bytes };
        result.Headers["ETag"] = asset.ETag;
        result.Headers["X-Content-Type-Options"] = "nosniff";
        result.Headers["Vary"] = "Accept-Encoding";
        result.Headers["Cache-Control"] = file == DemoFile ? "no-store"
            : request.Query["v"] == asset.Version ? "public, max-age=31536000, immutable"
            : "public, max-age=300";
        if (gzip && !notModified) result.Headers["Content-Encoding"] = "gzip";
        return result;
    }

    private sealed record Asset(byte[] Bytes, byte[] Gzipped, string ContentType, string Version)
    {
        public string ETag => $"\"{Version}\"";

        public static Asset Create(byte[] bytes, string contentType)
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize)) gzip.Write(bytes);
            return new Asset(bytes, compressed.ToArray(), contentType, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
        }
    }
}
