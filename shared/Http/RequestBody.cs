using Microsoft.AspNetCore.Http;

namespace Pipeline.Http;

/// <summary>Reads a request body up to a limit, without trusting Content-Length.</summary>
public static class RequestBody
{
    /// <returns>The bytes, or null when the body is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static ApiResult TooLarge(int maxBytes) =>
        ApiResult.Error(StatusCodes.Status413PayloadTooLarge, $"request body is larger than {maxBytes} bytes");
}
