using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Collect;

namespace Pipeline.UnitTests.Collect;

public class SnippetResourcesTests
{
    [Fact]
    public void Snippet_as_served_is_at_most_2_KB_gzipped()
    {
        var script = SnippetResources.Read(SnippetResources.Snippet);
        Assert.NotNull(script);

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(script);

        Assert.InRange(compressed.Length, 1, 2048);
    }

    [Fact]
    public void Both_scripts_are_embedded()
    {
        Assert.Contains(SnippetResources.Snippet, SnippetResources.Names);
        Assert.Contains(SnippetResources.Shopify, SnippetResources.Names);
        Assert.Null(SnippetResources.Read("missing.js"));
    }

    [Fact]
    public void Snippet_knows_every_click_id_and_cookie_the_parser_accepts()
    {
        var script = Encoding.UTF8.GetString(SnippetResources.Read(SnippetResources.Snippet)!);
        var words = script.Split([' ', '\'', '"', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        Assert.All(BrowserIdentifiers.ClickIdParameters, name => Assert.Contains(name, words));
        Assert.All(BrowserIdentifiers.Cookies, name => Assert.Contains(name, words));
    }

    [Theory]
    [InlineData("snippet.js")]
    [InlineData("shopify.js")]
    public void The_served_script_is_the_built_file_not_its_source(string name)
    {
        var served = SnippetResources.Read(name)!;

        Assert.Equal(File.ReadAllBytes(Path.Combine(SnippetDirectory, "dist", name)), served);
        // The readable source is commented; esbuild's output carries no comment and no line break but the last.
        Assert.Contains("// ", File.ReadAllText(Path.Combine(SnippetDirectory, "src", name)));
        Assert.DoesNotContain("\n", Encoding.UTF8.GetString(served).TrimEnd('\n'));
    }

    [Fact]
    public async Task The_built_files_are_the_esbuild_output_of_the_current_source()
    {
        var check = new ProcessStartInfo("node", ["scripts/build-snippet.mjs", "--check"])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(check)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"{await output}{await errors}");
    }

    [Fact]
    public void The_versioned_url_follows_the_built_bytes()
    {
        var handler = new SnippetHandler(new CollectorOptions());
        var built = File.ReadAllBytes(Path.Combine(SnippetDirectory, "dist", "snippet.js"));

        Assert.Equal($"/api/s/s.js?v={Convert.ToHexStringLower(SHA256.HashData(built))[..12]}", handler.SnippetPath);
    }

    private static string SnippetDirectory => Path.Combine(RepositoryRoot, "shared", "Collect", "Snippet");

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("Pipeline.sln not found above the test binaries.");
        }
    }
}
