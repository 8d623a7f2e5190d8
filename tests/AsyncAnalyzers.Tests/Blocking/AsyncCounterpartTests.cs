using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.AsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.AsyncCounterpartCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>ASYNC103: call the async counterpart in async code.</summary>
    public sealed class AsyncCounterpartTests
    {
        private static string Wrap(string body, string parameters = "CancellationToken cancellationToken") => $$"""
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream stream, StreamReader reader, SemaphoreSlim gate, string path, {{parameters}})
                {
            {{body}}
                    await Task.Yield();
                }
            }
            """;

        private static DiagnosticResult At(int marker, string call, string twin)
            => CSharpAnalyzerVerifier<AsyncCounterpartAnalyzer>.Diagnostic(Descriptors.AsyncCounterpart).WithLocation(marker).WithArguments(call, twin);

        // ---------------------------------------------------------------- reported and fixed

        [Fact]
        public Task ReadToEnd_is_awaited_with_the_token_where_the_overload_exists()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var text = {|#0:reader.ReadToEnd()|};"),
                At(0, "StreamReader.ReadToEnd", "ReadToEndAsync"),
                Wrap("        var text = await reader.ReadToEndAsync(cancellationToken);"));

        [Fact]
        public async Task ReadToEnd_on_netstandard20_is_awaited_without_a_token()
        {
            var test = new CodeFixTest<AsyncCounterpartAnalyzer, AsyncCounterpartCodeFixProvider>
            {
                ReferenceAssemblies = ReferenceSet.NetStandard20,
                TestCode = """
                    using System.IO;
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<string> M(StreamReader reader, CancellationToken cancellationToken)
                        {
                            await Task.Yield();
                            return [|reader.ReadToEnd()|];
                        }
                    }
                    """,
                FixedCode = """
                    using System.IO;
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<string> M(StreamReader reader, CancellationToken cancellationToken)
                        {
                            await Task.Yield();
                            return await reader.ReadToEndAsync();
                        }
                    }
                    """,
            };
            await test.RunAsync();
        }

        [Fact]
        public Task File_ReadAllText_is_awaited_with_the_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var text = [|File.ReadAllText(path)|];"),
                Wrap("        var text = await File.ReadAllTextAsync(path, cancellationToken);"));

        [Fact]
        public Task SemaphoreSlim_Wait_is_awaited_with_the_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|gate.Wait()|];\n        gate.Release();", "CancellationToken token"),
                Wrap("        await gate.WaitAsync(token);\n        gate.Release();", "CancellationToken token"));

        [Fact]
        public Task Stream_Write_and_Flush_are_awaited_and_comments_kept()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var buffer = new byte[8];\n        [|stream.Write(buffer, 0, buffer.Length)|]; // payload\n        /* then */ [|stream.Flush()|];", "int unused"),
                Wrap("        var buffer = new byte[8];\n        await stream.WriteAsync(buffer, 0, buffer.Length); // payload\n        /* then */ await stream.FlushAsync();", "int unused"));

        [Fact]
        public Task Result_used_as_a_receiver_is_parenthesised()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var line = [|reader.ReadLine()|]?.Trim();\n        var length = [|reader.ReadToEnd()|].Length;", "int unused"),
                Wrap("        var line = (await reader.ReadLineAsync())?.Trim();\n        var length = (await reader.ReadToEndAsync()).Length;", "int unused"));

        [Fact]
        public Task Nested_calls_are_both_awaited()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|File.WriteAllText(path, [|File.ReadAllText(path + \".bak\")|])|];"),
                Wrap("        await File.WriteAllTextAsync(path, await File.ReadAllTextAsync(path + \".bak\", cancellationToken), cancellationToken);"));

        [Fact]
        public Task Named_arguments_get_a_named_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|File.WriteAllText(path: path, contents: \"x\")|];"),
                Wrap("        await File.WriteAllTextAsync(path: path, contents: \"x\", cancellationToken: cancellationToken);"));

        [Fact]
        public Task HttpClient_Send_is_awaited_with_the_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        using var client = new HttpClient();\n        using var response = [|client.Send(new HttpRequestMessage())|];"),
                Wrap("        using var client = new HttpClient();\n        using var response = await client.SendAsync(new HttpRequestMessage(), cancellationToken);"));

        [Fact]
        public Task Call_in_async_lambda_is_fixed_with_the_lambda_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        Func<CancellationToken, Task<string>> read = async ct => [|File.ReadAllText(path)|];"),
                Wrap("        Func<CancellationToken, Task<string>> read = async ct => await File.ReadAllTextAsync(path, ct);"));

        [Fact]
        public Task Required_token_without_one_in_scope_passes_None()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Store
                {
                    public void Save() { }
                    public Task SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Store store)
                    {
                        [|store.Save()|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Store
                {
                    public void Save() { }
                    public Task SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Store store)
                    {
                        await store.SaveAsync(CancellationToken.None);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Extension_twin_in_scope_and_generic_twin_are_found()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class Repo
                {
                    public int Load() => 1;
                    public T Get<T>() => default!;
                    public Task<T> GetAsync<T>() => Task.FromResult(default(T)!);
                }

                static class RepoExtensions
                {
                    public static Task<int> LoadAsync(this Repo repo) => Task.FromResult(1);
                }

                class C
                {
                    async Task<int> M(Repo repo)
                    {
                        await Task.Yield();
                        return [|repo.Load()|] + [|repo.Get<int>()|];
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class Repo
                {
                    public int Load() => 1;
                    public T Get<T>() => default!;
                    public Task<T> GetAsync<T>() => Task.FromResult(default(T)!);
                }

                static class RepoExtensions
                {
                    public static Task<int> LoadAsync(this Repo repo) => Task.FromResult(1);
                }

                class C
                {
                    async Task<int> M(Repo repo)
                    {
                        await Task.Yield();
                        return await repo.LoadAsync() + await repo.GetAsync<int>();
                    }
                }
                """);

        [Fact]
        public Task Span_overload_is_reported_without_a_fix_because_the_twin_takes_Memory()
            => Verify.VerifyCodeFixAsync(
                Wrap("        Span<byte> buffer = stackalloc byte[4];\n        var n = {|#0:stream.Read(buffer)|};", "int unused"),
                At(0, "Stream.Read", "ReadAsync"),
                Wrap("        Span<byte> buffer = stackalloc byte[4];\n        var n = {|#0:stream.Read(buffer)|};", "int unused"));

        [Fact]
        public Task BlockingCollection_Take_gets_the_channel_message_and_no_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var queue = new System.Collections.Concurrent.BlockingCollection<int>();\n        var item = {|#0:queue.Take()|};"),
                CSharpAnalyzerVerifier<AsyncCounterpartAnalyzer>.Diagnostic(Descriptors.AsyncCounterpartChannel).WithLocation(0).WithArguments("BlockingCollection.Take"),
                Wrap("        var queue = new System.Collections.Concurrent.BlockingCollection<int>();\n        var item = {|#0:queue.Take()|};"));

        /// <summary>A client whose async methods do not follow the …Async naming, with and without the configured twins applied.</summary>
        private const string LegacyClient = """
            using System.Threading.Tasks;

            namespace Legacy
            {
                public class Client
                {
                    public string Fetch(string key) => key;
                    public Task<string> RetrieveAsync(string key) => Task.FromResult(key);
                    public void Store(string key) { }
                    public Task PersistAsync(string key) => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Client client)
                    {
                        await Task.Yield();
                        var value = {|#0:client.Fetch("a")|};
                        {|#1:client.Store(value)|};
                    }
                }
            }
            """;

        private const string LegacyClientFixed = """
            using System.Threading.Tasks;

            namespace Legacy
            {
                public class Client
                {
                    public string Fetch(string key) => key;
                    public Task<string> RetrieveAsync(string key) => Task.FromResult(key);
                    public void Store(string key) { }
                    public Task PersistAsync(string key) => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Client client)
                    {
                        await Task.Yield();
                        var value = await client.RetrieveAsync("a");
                        await client.PersistAsync(value);
                    }
                }
            }
            """;

        [Fact]
        public async Task Extra_twins_from_editorconfig_and_additional_file_are_used()
        {
            var test = new CodeFixTest<AsyncCounterpartAnalyzer, AsyncCounterpartCodeFixProvider>
            {
                TestCode = LegacyClient,
                FixedCode = LegacyClientFixed,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nasync_analyzers.extra_async_twins = M:Legacy.Client.Fetch=>M:Legacy.Client.RetrieveAsync\n"));
            test.TestState.AdditionalFiles.Add(("/0/AsyncAnalyzers.Twins.txt", "# our legacy client\nM:Legacy.Client.Store => M:Legacy.Client.PersistAsync  # renamed in v2\n"));
            test.ExpectedDiagnostics.Add(At(0, "Client.Fetch", "RetrieveAsync"));
            test.ExpectedDiagnostics.Add(At(1, "Client.Store", "PersistAsync"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Extra_twins_in_editorconfig_may_be_written_with_spaces_around_the_arrow()
        {
            var test = new CodeFixTest<AsyncCounterpartAnalyzer, AsyncCounterpartCodeFixProvider>
            {
                TestCode = LegacyClient,
                FixedCode = LegacyClientFixed,
            };
            // As the twins file allows it: "A => B", and a list mixing both spellings.
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nasync_analyzers.extra_async_twins = M:Legacy.Client.Fetch => M:Legacy.Client.RetrieveAsync, M:Legacy.Client.Store =>M:Legacy.Client.PersistAsync\n"));
            test.ExpectedDiagnostics.Add(At(0, "Client.Fetch", "RetrieveAsync"));
            test.ExpectedDiagnostics.Add(At(1, "Client.Store", "PersistAsync"));
            await test.RunAsync();
        }

        [Fact]
        public Task Call_inside_a_lock_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        lock (gate) { var text = [|reader.ReadToEnd()|]; }", "int unused"),
                Wrap("        lock (gate) { var text = [|reader.ReadToEnd()|]; }", "int unused"));

        // ---------------------------------------------------------------- must not flag

        [Fact]
        public Task Sync_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.IO;

                class C
                {
                    string M(StreamReader reader) => reader.ReadToEnd();
                }
                """);

        [Fact]
        public Task Sync_lambda_and_local_function_inside_async_method_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        Func<string> read = () => reader.ReadToEnd();\n        await Task.Run(() => File.ReadAllText(path));\n        string Local() => reader.ReadLine();"));

        [Fact]
        public Task SemaphoreSlim_Wait_zero_is_a_try_and_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        if (gate.Wait(0)) { gate.Release(); }\n        if (gate.Wait(TimeSpan.Zero)) { gate.Release(); }"));

        [Fact]
        public Task In_memory_readers_and_writers_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var memory = new MemoryStream();\n        memory.Write(new byte[1], 0, 1);\n        memory.CopyTo(stream);\n        var writer = new StringWriter();\n        writer.Write(\"x\");\n        writer.Flush();\n        var text = new StringReader(\"a\").ReadToEnd();"));

        [Fact]
        public Task Cancel_Dispose_and_Task_members_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        using var cts = new CancellationTokenSource();\n        cts.Cancel();\n        stream.Dispose();\n        Task.Delay(1).Wait(cancellationToken);"));

        [Fact]
        public Task Obsolete_inaccessible_and_mismatched_twins_are_not_used()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class Api
                {
                    public void Send() { }
                    [Obsolete] public Task SendAsync() => Task.CompletedTask;

                    public void Load() { }
                    private Task LoadAsync() => Task.CompletedTask;

                    public int Count() => 1;
                    public Task<long> CountAsync() => Task.FromResult(1L);

                    public void Save(int retries) { }
                    public Task SaveAsync(string name) => Task.CompletedTask;

                    public Task Run() => Task.CompletedTask;
                    public Task RunAsync() => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Api api)
                    {
                        api.Send();
                        api.Load();
                        var n = api.Count();
                        api.Save(3);
                        await api.Run();
                    }
                }
                """);

        [Fact]
        public Task Calling_the_sync_method_inside_its_own_async_twin_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Source
                {
                    public int Read() => 1;

                    public async Task<int> ReadAsync(CancellationToken cancellationToken = default)
                    {
                        await Task.Yield();
                        return Read();
                    }
                }
                """);

        [Fact]
        public Task Own_twin_exemption_holds_for_overrides_and_interface_implementations_on_this()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                interface ISource
                {
                    int Read();
                    Task<int> ReadAsync();
                }

                class Source : ISource
                {
                    public int Read() => 1;

                    // Implements the interface's ReadAsync: calling its own Read is the implementation.
                    public async Task<int> ReadAsync()
                    {
                        await Task.Yield();
                        return this.Read();
                    }
                }

                class Buffered : MemoryStream
                {
                    public override async Task FlushAsync(CancellationToken cancellationToken)
                    {
                        await Task.Yield();
                        base.Flush();
                    }
                }
                """);

        [Fact]
        public Task A_method_sharing_the_twins_name_is_not_its_implementation()
            => Verify.VerifyCodeFixAsync(
                """
                using System.IO;
                using System.Threading.Tasks;

                class Copier
                {
                    // Not Stream.WriteAsync: a method of another type that happens to share the name.
                    public async Task WriteAsync(Stream destination, byte[] data)
                    {
                        {|#0:destination.Write(data, 0, data.Length)|};
                        await Task.Yield();
                    }
                }
                """,
                At(0, "Stream.Write", "WriteAsync"),
                """
                using System.IO;
                using System.Threading.Tasks;

                class Copier
                {
                    // Not Stream.WriteAsync: a method of another type that happens to share the name.
                    public async Task WriteAsync(Stream destination, byte[] data)
                    {
                        await destination.WriteAsync(data, 0, data.Length);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Twin_whose_constraints_the_type_argument_breaks_is_not_a_twin()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class Store
                {
                    public T Load<T>() where T : new() => new T();
                    public Task<T> LoadAsync<T>() where T : class, new() => Task.FromResult(new T());

                    async Task M()
                    {
                        var count = Load<int>();
                        var item = {|#0:Load<object>()|};
                        await Task.Yield();
                    }
                }
                """,
                At(0, "Store.Load", "LoadAsync"),
                """
                using System.Threading.Tasks;

                class Store
                {
                    public T Load<T>() where T : new() => new T();
                    public Task<T> LoadAsync<T>() where T : class, new() => Task.FromResult(new T());

                    async Task M()
                    {
                        var count = Load<int>();
                        var item = await LoadAsync<object>();
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task In_parameter_has_a_by_value_twin_and_the_fix_drops_the_modifier()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                struct Frame
                {
                    public long A, B, C, D;
                }

                class Codec
                {
                    public int Encode(in Frame frame) => 1;
                    public Task<int> EncodeAsync(Frame frame) => Task.FromResult(1);

                    async Task M(Frame frame)
                    {
                        var n = {|#0:Encode(in frame)|} + {|#1:Encode(frame)|};
                        await Task.Yield();
                    }
                }
                """,
                new[] { At(0, "Codec.Encode", "EncodeAsync"), At(1, "Codec.Encode", "EncodeAsync") },
                """
                using System.Threading.Tasks;

                struct Frame
                {
                    public long A, B, C, D;
                }

                class Codec
                {
                    public int Encode(in Frame frame) => 1;
                    public Task<int> EncodeAsync(Frame frame) => Task.FromResult(1);

                    async Task M(Frame frame)
                    {
                        var n = await EncodeAsync(frame) + await EncodeAsync(frame);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Synchronous_extension_with_an_instance_twin_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class Client
                {
                    public Task PushAsync(string item) => Task.CompletedTask;
                }

                static class ClientExtensions
                {
                    public static void Push(this Client client, string item) { }
                }

                class C
                {
                    async Task M(Client client)
                    {
                        {|#0:client.Push("x")|};
                        ClientExtensions.Push(client, "y");
                        await Task.Yield();
                    }
                }
                """,
                At(0, "ClientExtensions.Push", "PushAsync"),
                """
                using System.Threading.Tasks;

                class Client
                {
                    public Task PushAsync(string item) => Task.CompletedTask;
                }

                static class ClientExtensions
                {
                    public static void Push(this Client client, string item) { }
                }

                class C
                {
                    async Task M(Client client)
                    {
                        await client.PushAsync("x");
                        ClientExtensions.Push(client, "y");
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Sqlite_DbContext_factory_and_console_writers_are_excluded()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                namespace Microsoft.Data.Sqlite
                {
                    public class SqliteCommand
                    {
                        public int ExecuteNonQuery() => 0;
                        public Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
                    }
                }

                namespace Microsoft.EntityFrameworkCore
                {
                    public interface IDbContextFactory<TContext>
                    {
                        TContext CreateDbContext();
                        Task<TContext> CreateDbContextAsync(CancellationToken cancellationToken = default);
                    }
                }

                class C
                {
                    async Task M(Microsoft.Data.Sqlite.SqliteCommand command, Microsoft.EntityFrameworkCore.IDbContextFactory<object> factory, TextWriter log)
                    {
                        command.ExecuteNonQuery();
                        var context = factory.CreateDbContext();
                        Console.Out.WriteLine("synchronized writer: its async methods write synchronously");
                        Console.Error.Flush();
                        {|#0:log.WriteLine("any other writer")|};
                        await Task.Yield();
                    }
                }
                """,
                At(0, "TextWriter.WriteLine", "WriteLineAsync"));

        [Fact]
        public Task Close_of_a_disposable_is_left_to_the_resource_rules()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.IO;
                using System.Threading.Tasks;

                class Channel
                {
                    public void Close() { }
                    public Task CloseAsync() => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Stream stream, Channel channel)
                    {
                        await stream.WriteAsync(new byte[1], 0, 1);
                        stream.Close();
                        {|#0:channel.Close()|};
                    }
                }
                """,
                At(0, "Channel.Close", "CloseAsync"));

        [Fact]
        public Task SemaphoreSlim_Wait_with_a_named_zero_constant_is_a_try()
            => Verify.VerifyAnalyzerAsync(Wrap("        const int NoWait = 0;\n        if (gate.Wait(NoWait)) { gate.Release(); }\n        if (gate.Wait(millisecondsTimeout: NoWait, cancellationToken)) { gate.Release(); }"));

        [Fact]
        public Task Assertion_library_and_EF_Core_false_twins_are_excluded()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                namespace Xunit
                {
                    public static class Assert
                    {
                        public static Exception Throws(Type type, Func<object> code) => null!;
                        public static Task<Exception> ThrowsAsync(Type type, Func<object> code) => Task.FromResult<Exception>(null!);
                    }
                }

                namespace Microsoft.EntityFrameworkCore
                {
                    public class EntityEntry { }
                    public class DbContext
                    {
                        public EntityEntry Add(object entity) => new EntityEntry();
                        public ValueTask<EntityEntry> AddAsync(object entity) => new ValueTask<EntityEntry>(new EntityEntry());
                    }
                }

                class C
                {
                    async Task M(Microsoft.EntityFrameworkCore.DbContext db)
                    {
                        db.Add(new object());
                        Xunit.Assert.Throws(typeof(Exception), () => 1);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task XmlReader_Read_is_excluded_because_its_async_methods_need_Async_settings()
            => Verify.VerifyAnalyzerAsync(Wrap("        using var xml = System.Xml.XmlReader.Create(stream);\n        while (xml.Read()) { }", "int unused"));

        [Fact]
        public async Task User_exclusions_from_editorconfig_and_additional_file_are_honoured()
        {
            var test = new AnalyzerTest<AsyncCounterpartAnalyzer>
            {
                TestCode = """
                    using System.Threading.Tasks;

                    namespace Shop
                    {
                        class Cache
                        {
                            public int Get() => 1;
                            public Task<int> GetAsync() => Task.FromResult(1);
                        }

                        class Log
                        {
                            public void Write(string s) { }
                            public Task WriteAsync(string s) => Task.CompletedTask;
                        }

                        class C
                        {
                            async Task M(Cache cache, Log log)
                            {
                                await Task.Yield();
                                var x = cache.Get();
                                log.Write("x");
                            }
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nasync_analyzers.ASYNC103.exclude_methods = M:Shop.Cache.Get\n"));
            test.TestState.AdditionalFiles.Add(("/0/AsyncAnalyzers.Twins.txt", "T:Shop.Log  # in-memory log\n"));
            await test.RunAsync();
        }

        [Fact]
        public Task Nameof_and_expression_trees_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var name = nameof(File.ReadAllText);\n        System.Linq.Expressions.Expression<Func<string>> e = () => File.ReadAllText(path);"));

        [Fact]
        public Task Methods_without_a_twin_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        Console.WriteLine(\"x\");\n        var exists = File.Exists(path);\n        var full = Path.GetFullPath(path);"));
    }
}
