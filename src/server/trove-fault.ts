// An error answered in Trove's fault envelope: {"<faultName>": {"code", "message"}}.

const FAULT_NAMES: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  406: 'notAcceptable',
  413: 'overLimit',
  422: 'unprocessableEntity',
  500: 'instanceFault',
  501: 'notImplemented',
};

export class TroveFault extends Error {
  override name = 'TroveFault';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }

  get body(): Record<string, { code: number; message: string }> {
    return { [FAULT_NAMES[this.status] ?? 'instanceFault']: { code: this.status, message: this.message } };
  }
}

export const notFound = (id: string) => new TroveFault(404, `Resource ${id} cannot be found.`);
