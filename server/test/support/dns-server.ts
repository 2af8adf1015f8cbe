import { Resolver } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import dns2 from 'dns2';

/**
 * A real DNS server on 127.0.0.1 that answers each question for an IPv4 address as `answer` says at that
 * moment, with no time to live: a name can resolve to one address when it is checked and to another when it
 * is connected to, as a name made for DNS rebinding does.
 */
export interface TestDnsServer {
  /** Resolves names at this server, in the shape of net.connect's `lookup` (the app's `providerLookup`). */
  lookup: LookupFunction;
  close(): Promise<void>;
}

export async function startDnsServer(answer: (name: string) => string): Promise<TestDnsServer> {
  const { Packet } = dns2;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      if (question?.type === Packet.TYPE.A) {
        response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 0, address: answer(question.name) }));
      }
      void send(response);
    },
  });
  const { udp } = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${udp!.port}`]);
  return {
    lookup: (hostname, options, callback) => {
      resolver.resolve4(hostname).then(
        (addresses) => {
          const found = addresses.map((address) => ({ address, family: 4 }));
          if (options.all) callback(null, found);
          else callback(null, found[0]!.address, 4);
        },
        (err: NodeJS.ErrnoException) => callback(err, ''),
      );
    },
    close: () => server.close(),
  };
}
