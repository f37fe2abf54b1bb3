using Microsoft.AspNetCore.Http;

namespace Pipeline.Http;

/// <summary>Reads a request body up to a limit, without trusting Content-Length.</summary>
public static class RequestBody
{
    /// <summary>The body's bytes, or the 4xx that answers a body too large (413) or broken in transit (400).</summary>
    public readonly record struct Read(byte[]? Bytes, ApiResult? Error)
    {
        public bool IsTooLarge => Error?.StatusCode == StatusCodes.Status413PayloadTooLarge;
    }

    public static async Task<Read> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return new(null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes) return new(null, TooLarge(maxBytes));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // A broken chunked encoding or a body shorter than its Content-Length: the client's fault, not ours.
            return new(null, ApiResult.Error(e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest,
                "the request body could not be read (broken framing)"));
        }
        return new(buffer.ToArray(), null);
    }

    public static ApiResult TooLarge(int maxBytes) =>
        ApiResult.Error(StatusCodes.Status413PayloadTooLarge, $"request body is larger than {maxBytes} bytes");
}
