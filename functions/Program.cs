using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Pipeline.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
FunctionsComposition.Configure(builder);
builder.Build().Run();
