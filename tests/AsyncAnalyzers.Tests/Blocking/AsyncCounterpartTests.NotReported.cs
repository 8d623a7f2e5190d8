using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.AsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.AsyncCounterpartCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    // ASYNC103: calls that must not be reported (no real twin, own twin, exclusions, contexts that cannot await).
    public sealed partial class AsyncCounterpartTests
    {
        [Fact]
        public Task Call_inside_a_lock_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        lock (gate) { var text = [|reader.ReadToEnd()|]; }", "int unused"),
                Wrap("        lock (gate) { var text = [|reader.ReadToEnd()|]; }", "int unused"));

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
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        Func<string> read = () => reader.ReadToEnd();
                        await Task.Run(() => File.ReadAllText(path));
                        string Local() => reader.ReadLine();
                """));

        [Fact]
        public Task SemaphoreSlim_Wait_zero_is_a_try_and_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        if (gate.Wait(0)) { gate.Release(); }\n        if (gate.Wait(TimeSpan.Zero)) { gate.Release(); }"));

        [Fact]
        public Task In_memory_readers_and_writers_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var memory = new MemoryStream();
                        memory.Write(new byte[1], 0, 1);
                        memory.CopyTo(stream);
                        var writer = new StringWriter();
                        writer.Write("x");
                        writer.Flush();
                        var text = new StringReader("a").ReadToEnd();
                """));

        [Fact]
        public Task Cancel_Dispose_and_Task_members_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        using var cts = new CancellationTokenSource();
                        cts.Cancel();
                        stream.Dispose();
                        Task.Delay(1).Wait(cancellationToken);
                """));

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
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        const int NoWait = 0;
                        if (gate.Wait(NoWait)) { gate.Release(); }
                        if (gate.Wait(millisecondsTimeout: NoWait, cancellationToken)) { gate.Release(); }
                """));

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
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                async_analyzers.ASYNC103.exclude_methods = M:Shop.Cache.Get

                """));
            test.TestState.AdditionalFiles.Add(("/0/AsyncAnalyzers.Twins.txt", "T:Shop.Log  # in-memory log\n"));
            await test.RunAsync();
        }

        [Fact]
        public Task Nameof_and_expression_trees_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var name = nameof(File.ReadAllText);\n        System.Linq.Expressions.Expression<Func<string>> e = () => File.ReadAllText(path);"));

        [Fact]
        public Task Methods_without_a_twin_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        Console.WriteLine("x");
                        var exists = File.Exists(path);
                        var full = Path.GetFullPath(path);
                """));
    }
}
