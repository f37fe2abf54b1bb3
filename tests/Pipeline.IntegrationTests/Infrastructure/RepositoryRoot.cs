namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>The repository's root folder, found from the test binaries upward.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>
    /// A folder holding only the repository's host.json: hosts under test read their queue settings from it, and
    /// never a developer's own local.settings.json, whose destinations would leak into the tests.
    /// </summary>
    public static string HostSettingsOnly { get; } = CopyHostJson();

    private static string CopyHostJson()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-host-settings-").FullName;
        File.Copy(System.IO.Path.Combine(Path, "host.json"), System.IO.Path.Combine(dir, "host.json"));
        return dir;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Pipeline.sln not found above the test binaries.");
    }
}
