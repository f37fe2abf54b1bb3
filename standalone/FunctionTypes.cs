using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Standalone.Functions;

namespace Pipeline.Standalone;

/// <summary>The queue-triggered classes, listed explicitly so the host finds them whatever the entry assembly is.</summary>
public sealed class FunctionTypes : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(MatchFunction), typeof(SendFunction), typeof(DeadLetterFunction)];
}

/// <summary>Creates function classes from the service provider, so they take the library's services by constructor.</summary>
public sealed class ServiceProviderActivator(IServiceProvider services) : IJobActivator
{
    public T CreateInstance<T>() => ActivatorUtilities.CreateInstance<T>(services);
}
