using System.CommandLine;
using Azure;
using Azure.Identity;
using Connectors.Admin;
using Microsoft.Extensions.Configuration;

// Operator commands for the connectors API: load connectors and manage API keys in its two tables.
var connectionString = new Option<string?>("--connection-string")
{
    Description = "Storage connection string (default: the ConnectorsStorage setting, else the local emulator)",
    Recursive = true,
};
var tableServiceUri = new Option<string?>("--table-service-uri")
{
    Description = "Table endpoint of a keyless account (https://<account>.table.core.windows.net/), signed in with DefaultAzureCredential",
    Recursive = true,
};

var importFile = new Argument<FileInfo>("FILE") { Description = "A connectors file: {\"alm\": [...], \"analysis\": [...]}" };
var replace = new Option<bool>("--replace") { Description = "Also remove the connectors of each kind in the file that the file no longer lists" };
var dryRun = new Option<bool>("--dry-run") { Description = "Validate and report what would change; write nothing" };
var import = new Command("import", "Validate a connectors file, then add and update (and with --replace remove) connectors") { importFile, replace, dryRun };
import.SetAction((parse, cancellationToken) => Run(parse, async storage =>
{
    var errors = new List<string>();
    var file = ConnectorsFile.Read(await File.ReadAllBytesAsync(parse.GetValue(importFile)!.FullName, cancellationToken), errors);
    if (file is null)
    {
        foreach (var error in errors)
        {
            Console.Error.WriteLine($"{parse.GetValue(importFile)!.Name}: {error}");
        }

        Console.Error.WriteLine($"{errors.Count} error(s): nothing was written.");
        return 1;
    }

    var isDryRun = parse.GetValue(dryRun);
    if (!isDryRun)
    {
        await storage.CreateTablesAsync(cancellationToken);
    }

    var progress = Console.IsErrorRedirected ? TextWriter.Null : Console.Error;
    var summaries = await new ConnectorImport(storage.Connectors, progress).RunAsync(file, parse.GetValue(replace), isDryRun, cancellationToken);
    if (isDryRun)
    {
        Console.WriteLine("Dry run: nothing was written.");
    }

    foreach (var summary in summaries)
    {
        Console.WriteLine(summary);
    }

    return 0;
}));

var exportFile = new Argument<FileInfo?>("FILE") { Description = "Where to write (default: standard output)", Arity = ArgumentArity.ZeroOrOne };
var export = new Command("export", "Write every connector, both kinds ordered by id, in the import format") { exportFile };
export.SetAction((parse, cancellationToken) => Run(parse, async storage =>
{
    await storage.CreateTablesAsync(cancellationToken);
    var bytes = (await ConnectorsFile.ExportAsync(storage.Store, cancellationToken)).Write();
    if (parse.GetValue(exportFile) is { } target)
    {
        await File.WriteAllBytesAsync(target.FullName, bytes, cancellationToken);
    }
    else
    {
        await using var stdout = Console.OpenStandardOutput();
        await stdout.WriteAsync(bytes, cancellationToken);
    }

    return 0;
}));

var keyName = new Option<string>("--name") { Description = "Who or what the key is for", Required = true };
var expires = new Option<string?>("--expires") { Description = "Expiry date or date-time, ISO 8601 (UTC unless an offset is given)" };
var expiresIn = new Option<string?>("--expires-in") { Description = "Expiry from now: 90d, 12h or 30m" };
var create = new Command("create", "Issue a new key: printed once, only its SHA-256 is stored") { keyName, expires, expiresIn };
create.SetAction((parse, cancellationToken) => Run(parse, async storage =>
{
    var keys = new ApiKeyCommands(storage.ApiKeys, TimeProvider.System);
    var expiry = ApiKeyCommands.ParseExpiry(parse.GetValue(expires), parse.GetValue(expiresIn), TimeProvider.System.GetUtcNow());
    await storage.CreateTablesAsync(cancellationToken);
    var key = await keys.CreateAsync(parse.GetValue(keyName)!, expiry, cancellationToken);
    Console.WriteLine(key);
    Console.Error.WriteLine($"Key \"{parse.GetValue(keyName)}\" created. It is shown only this once: store it now.");
    return 0;
}));

var list = new Command("list", "Show every key's name, hash prefix, expiry and state (never a key)");
list.SetAction((parse, cancellationToken) => Run(parse, async storage =>
{
    await storage.CreateTablesAsync(cancellationToken);
    var keys = await new ApiKeyCommands(storage.ApiKeys, TimeProvider.System).ListAsync(cancellationToken);
    foreach (var line in ApiKeyCommands.Format(keys, TimeProvider.System.GetUtcNow()))
    {
        Console.WriteLine(line);
    }

    return 0;
}));

var revokeName = new Argument<string>("NAME") { Description = "The name of the key(s) to revoke" };
var revoke = new Command("revoke", "Revoke every key with this name") { revokeName };
revoke.SetAction((parse, cancellationToken) => Run(parse, async storage =>
{
    await storage.CreateTablesAsync(cancellationToken);
    var count = await new ApiKeyCommands(storage.ApiKeys, TimeProvider.System).RevokeAsync(parse.GetValue(revokeName)!, cancellationToken);
    Console.WriteLine($"Revoked {count} key(s) named \"{parse.GetValue(revokeName)}\".");
    return 0;
}));

var keyFile = new Option<FileInfo>("--file") { Description = "The file that keeps the key", Required = true };
var ensureName = new Option<string>("--name") { Description = "The key's name", DefaultValueFactory = _ => "local-dev" };
var ensure = new Command("ensure", "For local development: reuse the key kept in --file (storing its hash again if needed), or create one and keep it there") { keyFile, ensureName };
ensure.SetAction((parse, cancellationToken) => Run(parse, async storage =>
{
    await storage.CreateTablesAsync(cancellationToken);
    var keys = new ApiKeyCommands(storage.ApiKeys, TimeProvider.System);
    var path = parse.GetValue(keyFile)!.FullName;
    var key = File.Exists(path) ? (await File.ReadAllTextAsync(path, cancellationToken)).Trim() : ApiKeyCommands.NewKey();
    if (!File.Exists(path))
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, key + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    if (!await keys.IsValidAsync(key, cancellationToken))
    {
        await keys.StoreAsync(key, parse.GetValue(ensureName)!, expiresOn: null, cancellationToken);
    }

    Console.WriteLine(key);
    return 0;
}));

var root = new RootCommand("Operator commands for the SD Elements connectors API: load connectors and manage API keys.")
{
    new Command("connectors", "Load and export connectors") { import, export },
    new Command("keys", "Issue, list and revoke API keys") { create, list, revoke, ensure },
};
root.Options.Add(connectionString);
root.Options.Add(tableServiceUri);
return await root.Parse(args).InvokeAsync();

// Every command: connect as the app does, then turn any failure into one clear line and an exit code
// (1: refused input, 2: storage), never a stack trace or a connection string.
async Task<int> Run(ParseResult parse, Func<AdminStorage, Task<int>> command)
{
    try
    {
        using var storage = AdminStorage.Connect(
            parse.GetValue(connectionString), parse.GetValue(tableServiceUri), new ConfigurationBuilder().AddEnvironmentVariables().Build());
        try
        {
            return await command(storage);
        }
        catch (Exception failure) when (failure is RequestFailedException or AuthenticationFailedException or AggregateException or HttpRequestException or CredentialUnavailableException)
        {
            Console.Error.WriteLine($"error: table storage at {storage.Endpoint} failed: {StorageFault.Describe(failure)}");
            return 2;
        }
    }
    catch (AdminException refused)
    {
        Console.Error.WriteLine($"error: {refused.Message}");
        return 1;
    }
    catch (Exception failure) when (failure is FormatException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: {failure.Message.Split('\n')[0].Trim()}");
        return 1;
    }
}
