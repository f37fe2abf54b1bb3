using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.FunctionsTests.Deploy;

/// <summary>
/// What <c>azd up</c> deploys: <c>infra/main.bicep</c> compiled by the Bicep CLI (restored from NuGet, as
/// <c>scripts/lint-bicep.sh</c> does), with <c>infra/main.parameters.json</c> filled from an azd environment, evaluated
/// down to the function app's app settings.
/// </summary>
public static partial class Deployment
{
    private static readonly Lazy<JsonElement> Compiled = new(Compile);

    /// <summary>The function app's app settings for an azd environment (the values of <c>azd env set</c>).</summary>
    public static IReadOnlyDictionary<string, object?> AppSettings(IReadOnlyDictionary<string, string> azdEnvironment,
        IReadOnlyDictionary<string, string>? extraAppSettings = null)
    {
        var functions = MainTemplate(azdEnvironment, extraAppSettings).Module("functions");
        var settings = functions.Evaluate(functions.Resource("functionApp::appSettings").GetProperty("properties"));
        return (IReadOnlyDictionary<string, object?>)settings!;
    }

    /// <summary>The main template, its parameters from <c>main.parameters.json</c> as azd substitutes them.</summary>
    public static ArmTemplate MainTemplate(IReadOnlyDictionary<string, string> azdEnvironment, IReadOnlyDictionary<string, string>? extraAppSettings = null)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "main.parameters.json")));
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in file.RootElement.GetProperty("parameters").EnumerateObject())
        {
            var value = parameter.Value.GetProperty("value");
            parameters[parameter.Name] = value.ValueKind == JsonValueKind.String
                ? Substitute(value.GetString()!, azdEnvironment)
                : ArmTemplate.FromJson(value);
        }
        if (extraAppSettings is not null)
            parameters["extraAppSettings"] = extraAppSettings.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.OrdinalIgnoreCase);
        return new ArmTemplate(Compiled.Value, parameters);
    }

    /// <summary>azd's <c>${NAME}</c> and <c>${NAME=default}</c>: the environment's value, else the default, else empty.</summary>
    private static string Substitute(string text, IReadOnlyDictionary<string, string> environment) =>
        AzdVariable().Replace(text, m => environment.TryGetValue(m.Groups["name"].Value, out var v) ? v : m.Groups["default"].Value);

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(=(?<default>[^}]*))?\}")]
    private static partial Regex AzdVariable();

    private static JsonElement Compile()
    {
        var bicep = BicepCli();
        var start = new ProcessStartInfo(bicep)
        {
            ArgumentList = { "build", Path.Combine(RepositoryRoot.Path, "infra", "main.bicep"), "--stdout" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"bicep build failed: {errors.Result}");
        using var doc = JsonDocument.Parse(output.Result);
        return doc.RootElement.Clone();
    }

    /// <summary>The Bicep CLI of the pinned Azure.Bicep.CommandLine package in the NuGet cache (tools/Bicep restores it).</summary>
    private static string BicepCli()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        const string package = "Azure.Bicep.CommandLine.linux-x64";
        var version = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == package).Attribute("Version")!.Value;
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(cache, package.ToLowerInvariant(), version, "tools", "bicep");
        if (!File.Exists(path))
            throw new FileNotFoundException("The Bicep CLI is not restored: run `bash scripts/lint-bicep.sh` (the test command does).", path);
        return path;
    }
}
