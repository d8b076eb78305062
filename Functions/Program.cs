using Connectors.Api;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services
    .AddConnectorsApiTelemetry(builder.Configuration)
    .AddConnectorsApi(builder.Configuration);
builder.Build().Run();
