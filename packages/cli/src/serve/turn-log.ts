// Where the platform shows the details of each turn (intent, slots, the CEK request and
// response with timings): the server's conversation log, newest first (admin token).
export const TURN_LOG_PATH = "/api/v1/conversations";
