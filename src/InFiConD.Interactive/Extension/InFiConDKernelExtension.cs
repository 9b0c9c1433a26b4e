using Microsoft.DotNet.Interactive;

namespace InFiConD.Interactive;

/// <summary>
/// The .NET Interactive kernel extension: loaded from the package's <c>interactive-extensions/dotnet</c> folder after
/// <c>#r "nuget: InFiConD.Interactive"</c>, it registers the HTML views (<see cref="InFiConDFormatters.Register"/>).
/// </summary>
public sealed class InFiConDKernelExtension : IKernelExtension
{
    /// <summary>Registers the views with the default options.</summary>
    /// <param name="kernel">The kernel loading the extension (the views are registered process-wide, so it is not used).</param>
    /// <returns>A completed task.</returns>
    public Task OnLoadAsync(Kernel kernel)
    {
        InFiConDFormatters.Register();
        return Task.CompletedTask;
    }
}
