using System.Threading.Tasks;
using static AsyncAnalyzers.Tests.Design.ConsumeValueTaskOnceTests;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>
    /// ASYNC603's "consumed only after another await": which awaits count. The tree walk settles a variable without the
    /// control flow graph when no await can run between its store and its one consumption; these cases hold that
    /// shortcut to the graph's answer.
    /// </summary>
    [Trait("Rule", "ASYNC603")]
    public sealed class ConsumeValueTaskOnceOrderTests
    {
        [Fact]
        public Task Awaits_before_the_value_is_stored_do_not_count()
            => Test(Wrap("""
                    async Task<int> AfterAsync()
                    {
                        await SaveAsync();
                        var pending = ReadAsync();
                        var value = await pending;
                        await SaveAsync(); // after the consumption: fine
                        return value;
                    }
                """)).RunAsync();

        [Fact]
        public Task A_parameter_counts_as_stored_before_the_first_statement()
            => Test(Wrap("""
                    async Task<int> LaterAsync(ValueTask<int> value)
                    {
                        await SaveAsync();
                        return [|await value|];
                    }

                    async Task<int> FirstAsync(ValueTask<int> value)
                    {
                        var result = await value;
                        await SaveAsync();
                        return result;
                    }
                """)).RunAsync();

        [Fact]
        public Task Only_awaits_between_the_store_and_the_consumption_count()
            => Test(Wrap("""
                    async Task<int> InTheStoreAsync(bool flag)
                    {
                        var pending = flag ? ReadAsync() : new ValueTask<int>(await Task.FromResult(2)); // runs before the store
                        return await pending;
                    }

                    async Task<int> InAnotherFunctionAsync()
                    {
                        var pending = ReadAsync();
                        async Task LocalAsync() => await SaveAsync(); // declared here, never run before the consumption
                        var value = await pending;
                        await LocalAsync();
                        return value;
                    }

                    async Task<int> InsideTheConsumingExpressionAsync()
                    {
                        var pending = ReadAsync();
                        return await pending + await Task.FromResult(1); // after the consumption
                    }

                    async Task<int> StoredAgainAfterTheAwaitAsync()
                    {
                        var pending = ReadAsync();
                        await SaveAsync();
                        pending = ReadAsync();
                        return await pending; // the await ran after the first store only: the graph clears it
                    }
                """)).RunAsync();

        [Fact]
        public Task Awaiting_another_stored_ValueTask_first_counts()
            => Test(
                Wrap("""
                        async Task<int> BothAsync()
                        {
                            var first = ReadAsync();
                            var second = ReadAsync();
                            var a = await first; // if this throws, 'second' is never consumed
                            return a + [|await second|];
                        }

                        async Task<int> OneAtATimeAsync()
                        {
                            var first = ReadAsync();
                            var a = await first;
                            var second = ReadAsync();
                            return a + await second;
                        }
                    """),
                Wrap("""
                        async Task<int> BothAsync()
                        {
                            var first = ReadAsync();
                            var second = ReadAsync().AsTask();
                            var a = await first; // if this throws, 'second' is never consumed
                            return a + await second;
                        }

                        async Task<int> OneAtATimeAsync()
                        {
                            var first = ReadAsync();
                            var a = await first;
                            var second = ReadAsync();
                            return a + await second;
                        }
                    """)).RunAsync();
    }
}
