using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Design;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC605: argument checks at the start of an async method or async iterator.</summary>
    [Trait("Rule", "ASYNC605")]
    public sealed class ValidateBeforeAwaitTests
    {
        private static string Wrap(string members) => $$"""
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;
            using System.Threading;
            using System.Threading.Tasks;

            class Orders
            {
                private readonly string? _name = null;

                Task SaveAsync(string id) => Task.CompletedTask;

                Task<int> CountAsync(string id) => Task.FromResult(id.Length);

            {{members}}
            }
            """;

        private static CodeFixTest<ValidateBeforeAwaitAnalyzer, ValidateBeforeAwaitCodeFixProvider> Test(string source, string? fixedSource = null)
            => new() { TestCode = source, FixedCode = fixedSource ?? source };

        [Fact]
        public Task ThrowIfNull_moves_to_a_non_async_wrapper()
            => Test(
                Wrap("""
                        public async Task SaveAllAsync(string id)
                        {
                            [|ArgumentNullException.ThrowIfNull(id);|]
                            // save it
                            await SaveAsync(id);
                            await SaveAsync(id + "-copy");
                        }
                    """),
                Wrap("""
                        public Task SaveAllAsync(string id)
                        {
                            ArgumentNullException.ThrowIfNull(id);
                            return SaveAllCoreAsync();

                            async Task SaveAllCoreAsync()
                            {
                                // save it
                                await SaveAsync(id);
                                await SaveAsync(id + "-copy");
                            }
                        }
                    """)).RunAsync();

        [Fact]
        public Task Several_checks_are_one_finding_and_results_are_kept()
            => Test(
                Wrap("""
                        public async Task<int> TotalAsync(string id, int count)
                        {
                            {|#0:ArgumentException.ThrowIfNullOrEmpty(id);|}
                            {|#1:if (count < 0)
                            {
                                throw new ArgumentOutOfRangeException(nameof(count));
                            }|}

                            return await CountAsync(id) * count;
                        }
                    """).Replace("{|#0:", "[|").Replace(";|}\n", ";|]\n").Replace("{|#1:", "").Replace("}|}", "}"),
                Wrap("""
                        public Task<int> TotalAsync(string id, int count)
                        {
                            ArgumentException.ThrowIfNullOrEmpty(id);
                            if (count < 0)
                            {
                                throw new ArgumentOutOfRangeException(nameof(count));
                            }

                            return TotalCoreAsync();

                            async Task<int> TotalCoreAsync()
                            {
                                return await CountAsync(id) * count;
                            }
                        }
                    """)).RunAsync();

        [Fact]
        public Task An_async_iterator_keeps_its_cancellation_on_the_inner_iterator()
            => Test(
                Wrap("""
                        public async IAsyncEnumerable<int> ReadAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                        {
                            [|if (id is null) throw new ArgumentNullException(nameof(id));|]
                            for (var i = 0; i < 3; i++)
                            {
                                await Task.Delay(1, cancellationToken);
                                yield return i;
                            }
                        }
                    """),
                Wrap("""
                        public IAsyncEnumerable<int> ReadAsync(string id, CancellationToken cancellationToken = default)
                        {
                            if (id is null) throw new ArgumentNullException(nameof(id));
                            return ReadCoreAsync(cancellationToken);

                            async IAsyncEnumerable<int> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
                            {
                                for (var i = 0; i < 3; i++)
                                {
                                    await Task.Delay(1, cancellationToken);
                                    yield return i;
                                }
                            }
                        }
                    """)).RunAsync();

        [Fact]
        public Task An_iterator_without_await_is_still_lazy()
            => Test(
                Wrap("""
                        public async IAsyncEnumerable<string> EchoAsync(string id)
                        {
                            [|ArgumentNullException.ThrowIfNull(id);|]
                            yield return id;
                        }
                    """),
                Wrap("""
                        public IAsyncEnumerable<string> EchoAsync(string id)
                        {
                            ArgumentNullException.ThrowIfNull(id);
                            return EchoCoreAsync();

                            async IAsyncEnumerable<string> EchoCoreAsync()
                            {
                                yield return id;
                            }
                        }
                    """)).RunAsync();

        [Fact]
        public Task ValueTask_a_name_without_suffix_and_a_taken_name()
            => Test(
                Wrap("""
                        public async ValueTask Run(string id)
                        {
                            [|ArgumentNullException.ThrowIfNull(id);|]
                            await SaveAsync(id);
                        }

                        private void RunCore() { }
                    """),
                Wrap("""
                        public ValueTask Run(string id)
                        {
                            ArgumentNullException.ThrowIfNull(id);
                            return RunCore2();

                            async ValueTask RunCore2()
                            {
                                await SaveAsync(id);
                            }
                        }

                        private void RunCore() { }
                    """)).RunAsync();

        [Fact]
        public Task Local_functions_in_top_level_statements()
        {
            var test = Test(
                """
                using System;
                using System.Threading.Tasks;

                await PrintAsync("x");

                static async Task PrintAsync(string text)
                {
                    [|ArgumentNullException.ThrowIfNull(text);|]
                    await Task.Yield();
                    Console.WriteLine(text);
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                await PrintAsync("x");

                static Task PrintAsync(string text)
                {
                    ArgumentNullException.ThrowIfNull(text);
                    return PrintCoreAsync();

                    async Task PrintCoreAsync()
                    {
                        await Task.Yield();
                        Console.WriteLine(text);
                    }
                }
                """);
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task A_struct_instance_method_is_reported_without_a_fix()
            => Test("""
                using System;
                using System.Threading.Tasks;

                struct Counter
                {
                    private int _count;

                    public async Task AddAsync(int amount)
                    {
                        [|if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));|]
                        await Task.Yield();
                        Console.WriteLine(_count + amount);
                    }
                }
                """).RunAsync();

        // ---- must not flag ----

        [Fact]
        public Task A_check_after_other_work_is_not_moved()
            => Test(Wrap("""
                    public async Task SaveAllAsync(string id)
                    {
                        var trimmed = id.Trim();
                        ArgumentException.ThrowIfNullOrEmpty(trimmed);
                        await SaveAsync(trimmed);
                    }
                """)).RunAsync();

        [Fact]
        public Task Exceptions_that_are_not_argument_checks()
            => Test(Wrap("""
                    public async Task SaveAllAsync(string id)
                    {
                        if (id.Length == 0) throw new InvalidOperationException("empty");
                        ObjectDisposedException.ThrowIf(_name is null, this);
                        await SaveAsync(id);
                    }
                """)).RunAsync();

        [Fact]
        public Task A_check_that_reads_no_parameter()
            => Test(Wrap("""
                    public async Task SaveAllAsync(string id)
                    {
                        ArgumentNullException.ThrowIfNull(_name);
                        await SaveAsync(id);
                    }
                """)).RunAsync();

        [Fact]
        public Task Already_a_non_async_wrapper()
            => Test(Wrap("""
                    public Task SaveAllAsync(string id)
                    {
                        ArgumentNullException.ThrowIfNull(id);
                        return SaveAsync(id);
                    }
                """)).RunAsync();

        [Fact]
        public Task Async_void_and_task_methods_without_await()
            => Test(Wrap("""
                    public async void OnSaved(string id)
                    {
                        ArgumentNullException.ThrowIfNull(id);
                        await SaveAsync(id);
                    }

                    #pragma warning disable CS1998
                    public async Task NothingAsync(string id)
                    {
                        ArgumentNullException.ThrowIfNull(id);
                        Console.WriteLine(id);
                    }
                    #pragma warning restore CS1998
                """)).RunAsync();

        [Fact]
        public Task Lambdas_are_not_split()
            => Test(Wrap("""
                    public Func<string, Task> Saver() => async id =>
                    {
                        ArgumentNullException.ThrowIfNull(id);
                        await SaveAsync(id);
                    };
                """)).RunAsync();

        [Fact]
        public Task Checks_with_else_pattern_variables_or_await()
            => Test(Wrap("""
                    public async Task ElseAsync(string id)
                    {
                        if (id.Length == 0) throw new ArgumentException("empty", nameof(id));
                        else Console.WriteLine(id);
                        await SaveAsync(id);
                    }

                    public async Task PatternAsync(object value)
                    {
                        if (value is not string text) throw new ArgumentException("not text", nameof(value));
                        await SaveAsync(text);
                    }

                    public async Task AwaitInCheckAsync(string id)
                    {
                        if (await CountAsync(id) == 0) throw new ArgumentException("unknown", nameof(id));
                        await SaveAsync(id);
                    }
                """)).RunAsync();

        [Fact]
        public Task Generated_code_is_skipped()
            => Test("// <auto-generated/>\n" + Wrap("""
                    public async Task SaveAllAsync(string id)
                    {
                        ArgumentNullException.ThrowIfNull(id);
                        await SaveAsync(id);
                    }
                """)).RunAsync();

        [Theory]
        [InlineData(ReferenceSet.Net472)]
        [InlineData(ReferenceSet.NetStandard20)]
        public Task Older_frameworks_get_the_same_fix(ReferenceSet references)
        {
            var test = Test(
                """
                using System;
                using System.Threading.Tasks;

                class Orders
                {
                    Task SaveAsync(string id) => Task.FromResult(0);

                    public async Task SaveAllAsync(string id)
                    {
                        [|if (id == null) throw new ArgumentNullException("id");|]
                        await SaveAsync(id);
                    }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class Orders
                {
                    Task SaveAsync(string id) => Task.FromResult(0);

                    public Task SaveAllAsync(string id)
                    {
                        if (id == null) throw new ArgumentNullException("id");
                        return SaveAllCoreAsync();

                        async Task SaveAllCoreAsync()
                        {
                            await SaveAsync(id);
                        }
                    }
                }
                """);
            test.ReferenceAssemblies = references;
            return test.RunAsync();
        }
    }
}
