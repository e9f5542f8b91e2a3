# Prints the call tree under frame ROOT of a collapsed async-profiler file: python3 tree.py FILE ROOT DEPTH MIN_PERCENT
import collections,sys
f,root,maxdepth,minpct=sys.argv[1],sys.argv[2],int(sys.argv[3]),float(sys.argv[4])
tree={}
tot=0
def add(node,path,n):
    for p in path:
        node=node.setdefault(p,[0,{}]); node[0]+=n; node=node[1]
for line in open(f):
    stack,n=line.rsplit(' ',1);n=int(n); tot+=n
    fr=stack.split(';')
    idx=[i for i,x in enumerate(fr) if root in x]
    if not idx: continue
    add(tree,fr[idx[0]:],n)
def show(node,d):
    if d>maxdepth: return
    for k,(v,ch) in sorted(node.items(),key=lambda x:-x[1][0]):
        if 100*v/tot<minpct: continue
        print('  '*d+f"{100*v/tot:.1f} {k.split('/')[-1][:90]}")
        show(ch,d+1)
show(tree,0)
