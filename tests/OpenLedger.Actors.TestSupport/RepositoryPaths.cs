using System.Reflection;

namespace OpenLedger.Actors.TestSupport;

/// <summary>Where the repository and the silo's own build output are, seen from the test assembly.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SiloConfig => Path.Combine(Root, "silo-config");

    /// <summary>The built silo (same configuration as the tests, which the solution builds together), started with <c>dotnet</c> as a separate process.</summary>
    public static string SiloAssembly
    {
        get
        {
            var configuration = typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var path = Path.Combine(Root, "src", "OpenLedger.Actors.Silo", "bin", configuration, "net10.0", "OpenLedger.Actors.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The silo is not built at {path}; build the solution first ({configuration}).", path);
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "OpenLedger.Actors.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException($"No OpenLedger.Actors.sln above {AppContext.BaseDirectory}.");
    }
}
