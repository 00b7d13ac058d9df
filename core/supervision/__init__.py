"""The supervisor's live floor: who is on what (the floor screen's rows), and the alerts before
a breach. Built on tickets, callbacks and handoffs, and on the floor's presence rows.
"""
